package dev.custos.admission.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custos.events.admission.Operation;
import java.util.Map;

/**
 * The request of an AdmissionReview, with the images it would run.
 *
 * @param apiVersion the AdmissionReview version, {@code admission.k8s.io/v1} or {@code
 *     admission.k8s.io/v1beta1}, which the response must use too
 * @param uid the request uid, which the response echoes
 * @param kind the kind of the object, such as {@code apps/v1 Deployment}
 * @param resource the resource being requested, such as {@code apps/v1 deployments}, or null when
 *     the review has none
 * @param subResource the subresource, such as {@code ephemeralcontainers}, or null
 * @param operation the operation
 * @param namespace the namespace, or null for a cluster-scoped object
 * @param name the object's name, or null when the API server has not assigned one yet
 * @param generateName the object's {@code metadata.generateName}, or null
 * @param username {@code userInfo.username}, or null when the review has none
 * @param dryRun whether the API server will not persist the object ({@code kubectl --dry-run})
 * @param object the new object, or null (DELETE)
 * @param oldObject the existing object on UPDATE and DELETE, or null
 * @param annotations {@code metadata.annotations} of the object, empty when it has none
 * @param images the images that the request would run, or why they could not be read
 */
public record AdmissionRequest(
    String apiVersion,
    String uid,
    GroupVersionKind kind,
    GroupVersionResource resource,
    String subResource,
    Operation operation,
    String namespace,
    String name,
    String generateName,
    String username,
    boolean dryRun,
    JsonNode object,
    JsonNode oldObject,
    Map<String, String> annotations,
    WorkloadImages images) {

  public AdmissionRequest {
    annotations = Map.copyOf(annotations);
  }

  /** Returns the name, or {@code generateName} when the API server has not assigned one yet. */
  public String workloadName() {
    if (name != null && !name.isEmpty()) {
      return name;
    }
    return generateName;
  }
}
