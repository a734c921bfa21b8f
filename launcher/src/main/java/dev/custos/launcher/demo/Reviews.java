package dev.custos.launcher.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/**
 * AdmissionReviews for the walkthrough, made from the one kube-apiserver sent for a Pod: the same
 * shape and fields, with the walkthrough's pod name, namespace, images and annotations.
 */
final class Reviews {

  static final String NAMESPACE = "payments";
  static final String BREAKGLASS_ANNOTATION = "alpha.image-policy.k8s.io/break-glass";

  private final ObjectMapper json;
  private final ObjectNode capture;

  Reviews(ObjectMapper json) {
    this.json = json;
    this.capture = Fixtures.podReview(json);
  }

  /** Returns a review of a Pod whose only container runs {@code image}. */
  ObjectNode pod(String name, String image) {
    ObjectNode review = base(name);
    container(review).put("image", image);
    return review;
  }

  /**
   * Returns a review of a Pod that runs {@code initImage} in an init container, then {@code image}.
   */
  ObjectNode podWithInitContainer(String name, String image, String initImage) {
    ObjectNode review = pod(name, image);
    ObjectNode init = container(review).deepCopy();
    init.put("name", "init");
    init.put("image", initImage);
    ArrayNode initContainers = spec(review).putArray("initContainers");
    initContainers.add(init);
    return review;
  }

  /** Returns a review of a Pod running {@code image} with the breakglass annotation set to true. */
  ObjectNode breakglassPod(String name, String image) {
    ObjectNode review = pod(name, image);
    metadata(review).putObject("annotations").put(BREAKGLASS_ANNOTATION, "true");
    return review;
  }

  static String uid(ObjectNode review) {
    return review.path("request").path("uid").asText();
  }

  /** Returns the review with a new request uid, as kube-apiserver sends for each attempt. */
  static ObjectNode retried(ObjectNode review) {
    ObjectNode copy = review.deepCopy();
    ((ObjectNode) copy.get("request")).put("uid", UUID.randomUUID().toString());
    return copy;
  }

  private ObjectNode base(String name) {
    ObjectNode review = capture.deepCopy();
    ObjectNode request = (ObjectNode) review.get("request");
    request.put("uid", UUID.randomUUID().toString());
    request.put("name", name);
    request.put("namespace", NAMESPACE);
    ObjectNode metadata = metadata(review);
    metadata.put("name", name);
    metadata.put("namespace", NAMESPACE);
    metadata.put("uid", UUID.randomUUID().toString());
    metadata.putObject("labels").put("app", name);
    // The captured last-applied annotation names the captured image; the review drops it.
    metadata.remove("annotations");
    metadata.remove("managedFields");
    return review;
  }

  private static ObjectNode metadata(ObjectNode review) {
    return (ObjectNode) review.path("request").path("object").get("metadata");
  }

  private static ObjectNode spec(ObjectNode review) {
    return (ObjectNode) review.path("request").path("object").get("spec");
  }

  private static ObjectNode container(ObjectNode review) {
    return (ObjectNode) spec(review).path("containers").get(0);
  }

  String text(ObjectNode review) {
    try {
      return json.writeValueAsString(review);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an AdmissionReview tree did not serialize", e);
    }
  }
}
