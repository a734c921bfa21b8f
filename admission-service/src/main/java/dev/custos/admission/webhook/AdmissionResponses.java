package dev.custos.admission.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.admission.decision.AdmissionDecision;
import dev.custos.admission.review.AdmissionRequest;

/** Renders AdmissionReview responses and the problem body of a rejected request body. */
final class AdmissionResponses {
  /** The HTTP status that a denial carries in {@code response.status.code}. */
  static final int DENIED_CODE = 403;

  private static final ObjectMapper JSON = new ObjectMapper();

  private AdmissionResponses() {}

  /**
   * Returns the AdmissionReview response to {@code request}, in the request's {@code apiVersion}:
   * the request uid, {@code allowed}, on denial a status with code 403 and the message, and the
   * warnings when there are any.
   */
  static byte[] review(AdmissionRequest request, AdmissionDecision decision) {
    ObjectNode review = JSON.createObjectNode();
    review.put("apiVersion", request.apiVersion());
    review.put("kind", "AdmissionReview");

    ObjectNode response = review.putObject("response");
    response.put("uid", request.uid());
    response.put("allowed", decision.allowed());
    if (!decision.allowed()) {
      ObjectNode status = response.putObject("status");
      status.put("code", DENIED_CODE);
      status.put("message", decision.message());
    }
    if (!decision.warnings().isEmpty()) {
      ArrayNode warnings = response.putArray("warnings");
      decision.warnings().forEach(warnings::add);
    }
    return write(review);
  }

  /** Returns an RFC 9457 problem body for a body that is not a valid AdmissionReview. */
  static byte[] invalidReview(String reason) {
    ObjectNode problem = JSON.createObjectNode();
    problem.put("title", "Invalid AdmissionReview");
    problem.put("status", 400);
    problem.put("detail", reason);
    return write(problem);
  }

  private static byte[] write(ObjectNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("serializing a JSON tree of strings and booleans failed", e);
    }
  }
}
