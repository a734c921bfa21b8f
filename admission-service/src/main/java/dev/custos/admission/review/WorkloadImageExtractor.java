package dev.custos.admission.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custos.events.admission.Operation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the images that a request would run, in the pod spec of each workload kind. An object whose
 * pod spec has the wrong shape is reported as undecodable, so that the decision can deny it with
 * the reason.
 */
final class WorkloadImageExtractor {
  static final String EPHEMERAL_CONTAINERS_SUBRESOURCE = "ephemeralcontainers";

  private static final String POD_SPEC = "spec";
  private static final String TEMPLATE_SPEC = "spec.template.spec";
  private static final String CRON_JOB_SPEC = "spec.jobTemplate.spec.template.spec";

  /**
   * Path of the pod spec by {@code group/kind}. The {@code extensions} group served old clusters.
   */
  private static final Map<String, String> POD_SPEC_PATHS =
      Map.ofEntries(
          Map.entry("/Pod", POD_SPEC),
          Map.entry("/ReplicationController", TEMPLATE_SPEC),
          Map.entry("apps/Deployment", TEMPLATE_SPEC),
          Map.entry("apps/ReplicaSet", TEMPLATE_SPEC),
          Map.entry("apps/StatefulSet", TEMPLATE_SPEC),
          Map.entry("apps/DaemonSet", TEMPLATE_SPEC),
          Map.entry("extensions/Deployment", TEMPLATE_SPEC),
          Map.entry("extensions/ReplicaSet", TEMPLATE_SPEC),
          Map.entry("extensions/DaemonSet", TEMPLATE_SPEC),
          Map.entry("batch/Job", TEMPLATE_SPEC),
          Map.entry("batch/CronJob", CRON_JOB_SPEC));

  private WorkloadImageExtractor() {}

  /**
   * Returns the images to check. DELETE and CONNECT run no image, nor do subresources other than
   * {@code ephemeralcontainers}, which change no container. On an {@code ephemeralcontainers}
   * update only the ephemeral containers that {@code oldObject} lacks count, because the others are
   * already running. Kinds other than the pod workloads carry no pod spec and have no images.
   */
  static WorkloadImages extract(
      GroupVersionKind kind,
      String subResource,
      Operation operation,
      JsonNode object,
      JsonNode oldObject) {
    if (operation != Operation.CREATE && operation != Operation.UPDATE) {
      return WorkloadImages.of(List.of());
    }
    if (subResource != null && !subResource.equals(EPHEMERAL_CONTAINERS_SUBRESOURCE)) {
      return WorkloadImages.of(List.of());
    }

    String specPath = specPath(kind);
    if (specPath == null) {
      return WorkloadImages.of(List.of());
    }
    if (object == null) {
      return WorkloadImages.undecodable("the request has no object to check");
    }
    if (!object.isObject()) {
      return WorkloadImages.undecodable("the object is not a JSON object");
    }

    try {
      if (EPHEMERAL_CONTAINERS_SUBRESOURCE.equals(subResource)) {
        return WorkloadImages.of(newEphemeralImages(specPath, object, oldObject));
      }
      return WorkloadImages.of(allImages(specPath, object));
    } catch (UndecodableObjectException e) {
      return WorkloadImages.undecodable(e.getMessage());
    }
  }

  /**
   * Returns the path of the pod spec, empty for the root of an {@code EphemeralContainers} object,
   * or null when the kind has no pod spec.
   */
  private static String specPath(GroupVersionKind kind) {
    if (kind.group().isEmpty() && kind.kind().equals("EphemeralContainers")) {
      // Kubernetes 1.16 to 1.21 sent an EphemeralContainers object with the list at its root for
      // the ephemeralcontainers subresource, and later versions send the whole Pod.
      return "";
    }
    return POD_SPEC_PATHS.get(kind.group() + "/" + kind.kind());
  }

  private static List<ContainerImage> allImages(String specPath, JsonNode object)
      throws UndecodableObjectException {
    JsonNode spec = spec(specPath, object);
    List<ContainerImage> images = new ArrayList<>();
    for (ContainerType type : ContainerType.values()) {
      images.addAll(containers(spec, specPath, type));
    }
    return images;
  }

  private static List<ContainerImage> newEphemeralImages(
      String specPath, JsonNode object, JsonNode oldObject) throws UndecodableObjectException {
    List<ContainerImage> current =
        containers(spec(specPath, object), specPath, ContainerType.EPHEMERAL_CONTAINER);
    if (oldObject == null || !oldObject.isObject()) {
      return current;
    }

    Set<String> existing = new HashSet<>();
    JsonNode oldSpec = spec(specPath, oldObject);
    for (ContainerImage image : containers(oldSpec, specPath, ContainerType.EPHEMERAL_CONTAINER)) {
      existing.add(image.containerName() + "\n" + image.image());
    }

    List<ContainerImage> added = new ArrayList<>();
    for (ContainerImage image : current) {
      if (!existing.contains(image.containerName() + "\n" + image.image())) {
        added.add(image);
      }
    }
    return added;
  }

  private static JsonNode spec(String specPath, JsonNode object) throws UndecodableObjectException {
    JsonNode node = object;
    if (specPath.isEmpty()) {
      return node;
    }
    for (String field : specPath.split("\\.")) {
      node = node.get(field);
      if (node == null || node.isNull()) {
        throw new UndecodableObjectException(specPath + " is missing");
      }
      if (!node.isObject()) {
        throw new UndecodableObjectException(specPath + " is not an object");
      }
    }
    return node;
  }

  private static List<ContainerImage> containers(JsonNode spec, String specPath, ContainerType type)
      throws UndecodableObjectException {
    String listPath = specPath.isEmpty() ? type.field() : specPath + "." + type.field();
    JsonNode list = spec.get(type.field());
    if (list == null || list.isNull()) {
      return List.of();
    }
    if (!list.isArray()) {
      throw new UndecodableObjectException(listPath + " is not a list");
    }

    List<ContainerImage> images = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      images.add(container(list.get(i), listPath + "[" + i + "]", type));
    }
    return images;
  }

  private static ContainerImage container(JsonNode container, String path, ContainerType type)
      throws UndecodableObjectException {
    if (!container.isObject()) {
      throw new UndecodableObjectException(path + " is not an object");
    }
    JsonNode name = container.get("name");
    if (name != null && !name.isNull() && !name.isTextual()) {
      throw new UndecodableObjectException(path + ".name is not a string");
    }
    JsonNode image = container.get("image");
    if (image == null || image.isNull()) {
      throw new UndecodableObjectException(path + ".image is missing");
    }
    if (!image.isTextual() || image.textValue().isBlank()) {
      throw new UndecodableObjectException(path + ".image is not a non-empty string");
    }
    String containerName = name == null || name.isNull() ? "" : name.textValue();
    return new ContainerImage(type, containerName, image.textValue(), path + ".image");
  }

  /** A pod spec with the wrong shape; the message is the field path and the problem. */
  private static final class UndecodableObjectException extends Exception {
    private static final long serialVersionUID = 1L;

    UndecodableObjectException(String message) {
      super(message, null, false, false);
    }
  }
}
