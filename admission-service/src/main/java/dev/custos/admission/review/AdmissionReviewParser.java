package dev.custos.admission.review;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.custos.events.admission.Operation;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads AdmissionReview requests as kube-apiserver sends them to a validating webhook. Instances
 * are safe to share between threads.
 */
public final class AdmissionReviewParser {
  public static final String V1 = "admission.k8s.io/v1";
  public static final String V1BETA1 = "admission.k8s.io/v1beta1";

  private static final Set<String> API_VERSIONS = Set.of(V1, V1BETA1);

  private final ObjectMapper mapper =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  /**
   * Parses a request body.
   *
   * @throws InvalidAdmissionReviewException if the body is not JSON or not an AdmissionReview
   *     request
   */
  public AdmissionRequest parse(byte[] body) throws InvalidAdmissionReviewException {
    JsonNode review;
    try {
      review = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidAdmissionReviewException(
          "the body is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new InvalidAdmissionReviewException("cannot read the body: " + e.getMessage(), e);
    }
    return parse(review);
  }

  /**
   * Reads an AdmissionReview that is already a JSON tree.
   *
   * @throws InvalidAdmissionReviewException if it is not an AdmissionReview request
   */
  public AdmissionRequest parse(JsonNode review) throws InvalidAdmissionReviewException {
    if (review == null || !review.isObject()) {
      throw new InvalidAdmissionReviewException("the body must be a JSON object (AdmissionReview)");
    }
    String kind = optionalText(review, "kind", "kind");
    if (!"AdmissionReview".equals(kind)) {
      throw new InvalidAdmissionReviewException("kind must be AdmissionReview, got " + quote(kind));
    }
    String apiVersion = optionalText(review, "apiVersion", "apiVersion");
    if (!API_VERSIONS.contains(apiVersion)) {
      throw new InvalidAdmissionReviewException(
          "apiVersion must be " + V1 + " or " + V1BETA1 + ", got " + quote(apiVersion));
    }

    JsonNode request = review.get("request");
    if (request == null || !request.isObject()) {
      throw new InvalidAdmissionReviewException("request is missing or not a JSON object");
    }
    return request(apiVersion, request);
  }

  private static AdmissionRequest request(String apiVersion, JsonNode request)
      throws InvalidAdmissionReviewException {
    String uid = optionalText(request, "uid", "request.uid");
    if (uid == null || uid.isBlank()) {
      throw new InvalidAdmissionReviewException("request.uid is missing");
    }
    GroupVersionKind kind = kind(request);
    GroupVersionResource resource = resource(request);
    String subResource = emptyToNull(optionalText(request, "subResource", "request.subResource"));
    Operation operation = operation(request);
    String namespace = emptyToNull(optionalText(request, "namespace", "request.namespace"));
    String username = username(request);
    boolean dryRun = dryRun(request);

    JsonNode object = objectOrNull(request.get("object"));
    JsonNode oldObject = objectOrNull(request.get("oldObject"));
    String name = emptyToNull(optionalText(request, "name", "request.name"));
    if (name == null) {
      name = emptyToNull(metadataText(object != null ? object : oldObject, "name"));
    }
    String generateName = emptyToNull(metadataText(object, "generateName"));

    WorkloadImages images =
        WorkloadImageExtractor.extract(kind, subResource, operation, object, oldObject);
    return new AdmissionRequest(
        apiVersion,
        uid,
        kind,
        resource,
        subResource,
        operation,
        namespace,
        name,
        generateName,
        username,
        dryRun,
        object,
        oldObject,
        annotations(object),
        images);
  }

  private static GroupVersionKind kind(JsonNode request) throws InvalidAdmissionReviewException {
    JsonNode kind = request.get("kind");
    if (kind == null || !kind.isObject()) {
      throw new InvalidAdmissionReviewException("request.kind is missing or not a JSON object");
    }
    String name = optionalText(kind, "kind", "request.kind.kind");
    if (name == null || name.isEmpty()) {
      throw new InvalidAdmissionReviewException("request.kind.kind is missing");
    }
    return new GroupVersionKind(
        nullToEmpty(optionalText(kind, "group", "request.kind.group")),
        nullToEmpty(optionalText(kind, "version", "request.kind.version")),
        name);
  }

  private static GroupVersionResource resource(JsonNode request)
      throws InvalidAdmissionReviewException {
    JsonNode resource = request.get("resource");
    if (resource == null || resource.isNull()) {
      return null;
    }
    if (!resource.isObject()) {
      throw new InvalidAdmissionReviewException("request.resource is not a JSON object");
    }
    return new GroupVersionResource(
        nullToEmpty(optionalText(resource, "group", "request.resource.group")),
        nullToEmpty(optionalText(resource, "version", "request.resource.version")),
        nullToEmpty(optionalText(resource, "resource", "request.resource.resource")));
  }

  private static Operation operation(JsonNode request) throws InvalidAdmissionReviewException {
    String operation = optionalText(request, "operation", "request.operation");
    if (operation == null) {
      throw new InvalidAdmissionReviewException("request.operation is missing");
    }
    try {
      return Operation.valueOf(operation);
    } catch (IllegalArgumentException e) {
      throw new InvalidAdmissionReviewException(
          "request.operation must be CREATE, UPDATE, DELETE or CONNECT, got " + quote(operation),
          e);
    }
  }

  private static String username(JsonNode request) throws InvalidAdmissionReviewException {
    JsonNode userInfo = request.get("userInfo");
    if (userInfo == null || userInfo.isNull()) {
      return null;
    }
    if (!userInfo.isObject()) {
      throw new InvalidAdmissionReviewException("request.userInfo is not a JSON object");
    }
    return emptyToNull(optionalText(userInfo, "username", "request.userInfo.username"));
  }

  private static boolean dryRun(JsonNode request) throws InvalidAdmissionReviewException {
    JsonNode dryRun = request.get("dryRun");
    if (dryRun == null || dryRun.isNull()) {
      return false;
    }
    if (!dryRun.isBoolean()) {
      throw new InvalidAdmissionReviewException("request.dryRun must be true or false");
    }
    return dryRun.booleanValue();
  }

  /** Returns the annotations with string values; the API server sends no other kind. */
  private static Map<String, String> annotations(JsonNode object) {
    Map<String, String> annotations = new LinkedHashMap<>();
    JsonNode values = object == null ? null : object.path("metadata").get("annotations");
    if (values == null || !values.isObject()) {
      return annotations;
    }
    values
        .fields()
        .forEachRemaining(
            entry -> {
              if (entry.getValue().isTextual()) {
                annotations.put(entry.getKey(), entry.getValue().textValue());
              }
            });
    return annotations;
  }

  private static String metadataText(JsonNode object, String field) {
    if (object == null) {
      return null;
    }
    JsonNode value = object.path("metadata").get(field);
    return value != null && value.isTextual() ? value.textValue() : null;
  }

  private static JsonNode objectOrNull(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode() ? null : node;
  }

  private static String optionalText(JsonNode parent, String field, String path)
      throws InvalidAdmissionReviewException {
    JsonNode value = parent.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new InvalidAdmissionReviewException(
          path + " must be a string, got " + value.getNodeType().name().toLowerCase(Locale.ROOT));
    }
    return value.textValue();
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }

  private static String quote(String value) {
    return value == null ? "nothing" : "\"" + value + "\"";
  }
}
