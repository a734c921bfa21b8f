package dev.custos.admission.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.events.admission.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds AdmissionReview JSON in the shape kube-apiserver sends, for tests of every workload kind.
 */
public final class ReviewBuilder {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final AdmissionReviewParser PARSER = new AdmissionReviewParser();

  private final String group;
  private final String version;
  private final String kind;
  private final String resource;
  private String apiVersion = AdmissionReviewParser.V1;
  private String namespace = "default";
  private String name = "demo";
  private Operation operation = Operation.CREATE;
  private String subResource;
  private final List<String[]> containers = new ArrayList<>();
  private final List<String[]> oldContainers = new ArrayList<>();
  private boolean withOldObject;
  private final Map<String, String> annotations = new LinkedHashMap<>();
  private final Map<String, String> templateAnnotations = new LinkedHashMap<>();
  private String ownerKind;
  private String ownerName;
  private JsonNode objectOverride;
  private boolean objectSet = true;

  private ReviewBuilder(String group, String version, String kind, String resource) {
    this.group = group;
    this.version = version;
    this.kind = kind;
    this.resource = resource;
  }

  public static ReviewBuilder pod() {
    return new ReviewBuilder("", "v1", "Pod", "pods");
  }

  public static ReviewBuilder deployment() {
    return new ReviewBuilder("apps", "v1", "Deployment", "deployments");
  }

  public static ReviewBuilder replicaSet() {
    return new ReviewBuilder("apps", "v1", "ReplicaSet", "replicasets");
  }

  public static ReviewBuilder statefulSet() {
    return new ReviewBuilder("apps", "v1", "StatefulSet", "statefulsets");
  }

  public static ReviewBuilder daemonSet() {
    return new ReviewBuilder("apps", "v1", "DaemonSet", "daemonsets");
  }

  public static ReviewBuilder job() {
    return new ReviewBuilder("batch", "v1", "Job", "jobs");
  }

  public static ReviewBuilder cronJob() {
    return new ReviewBuilder("batch", "v1", "CronJob", "cronjobs");
  }

  public static ReviewBuilder replicationController() {
    return new ReviewBuilder("", "v1", "ReplicationController", "replicationcontrollers");
  }

  public static ReviewBuilder of(String group, String version, String kind, String resource) {
    return new ReviewBuilder(group, version, kind, resource);
  }

  public ReviewBuilder apiVersion(String apiVersion) {
    this.apiVersion = apiVersion;
    return this;
  }

  public ReviewBuilder namespace(String namespace) {
    this.namespace = namespace;
    return this;
  }

  public ReviewBuilder name(String name) {
    this.name = name;
    return this;
  }

  public ReviewBuilder operation(Operation operation) {
    this.operation = operation;
    return this;
  }

  public ReviewBuilder subResource(String subResource) {
    this.subResource = subResource;
    return this;
  }

  public ReviewBuilder container(String containerName, String image) {
    containers.add(new String[] {"containers", containerName, image});
    return this;
  }

  public ReviewBuilder initContainer(String containerName, String image) {
    containers.add(new String[] {"initContainers", containerName, image});
    return this;
  }

  public ReviewBuilder ephemeralContainer(String containerName, String image) {
    containers.add(new String[] {"ephemeralContainers", containerName, image});
    return this;
  }

  /** Adds a container of {@code field} to the old object, which UPDATE requests carry. */
  public ReviewBuilder oldContainer(String field, String containerName, String image) {
    withOldObject = true;
    oldContainers.add(new String[] {field, containerName, image});
    return this;
  }

  public ReviewBuilder withOldObject() {
    withOldObject = true;
    return this;
  }

  public ReviewBuilder annotation(String key, String value) {
    annotations.put(key, value);
    return this;
  }

  public ReviewBuilder templateAnnotation(String key, String value) {
    templateAnnotations.put(key, value);
    return this;
  }

  public ReviewBuilder ownedBy(String kind, String name) {
    this.ownerKind = kind;
    this.ownerName = name;
    return this;
  }

  /** Replaces the object with {@code object}, which may have any shape. */
  public ReviewBuilder object(JsonNode object) {
    this.objectOverride = object;
    return this;
  }

  public ReviewBuilder withoutObject() {
    this.objectSet = false;
    return this;
  }

  public ObjectNode toJson() {
    ObjectNode review = MAPPER.createObjectNode();
    review.put("kind", "AdmissionReview");
    review.put("apiVersion", apiVersion);
    ObjectNode request = review.putObject("request");
    request.put("uid", "0f6f3b4e-5d0a-4c55-9a51-" + Math.abs(name.hashCode()));
    ObjectNode gvk = request.putObject("kind");
    gvk.put("group", group).put("version", version).put("kind", kind);
    ObjectNode gvr = request.putObject("resource");
    gvr.put("group", group).put("version", version).put("resource", resource);
    if (subResource != null) {
      request.put("subResource", subResource);
    }
    request.put("name", name);
    request.put("namespace", namespace);
    request.put("operation", operation.name());
    request.putObject("userInfo").put("username", "alice");

    boolean deleting = operation == Operation.DELETE;
    if (!objectSet || deleting) {
      request.putNull("object");
    } else if (objectOverride != null) {
      request.set("object", objectOverride);
    } else {
      request.set("object", object(containers, annotations));
    }
    if (withOldObject || deleting) {
      request.set("oldObject", object(oldContainers, Map.of()));
    } else {
      request.putNull("oldObject");
    }
    request.put("dryRun", false);
    return review;
  }

  public AdmissionRequest parse() {
    try {
      return PARSER.parse(toJson());
    } catch (InvalidAdmissionReviewException e) {
      throw new AssertionError("the built review should be valid", e);
    }
  }

  private ObjectNode object(List<String[]> items, Map<String, String> objectAnnotations) {
    ObjectNode object = MAPPER.createObjectNode();
    object.put("kind", kind);
    object.put("apiVersion", group.isEmpty() ? version : group + "/" + version);
    ObjectNode metadata = object.putObject("metadata");
    metadata.put("name", name);
    metadata.put("namespace", namespace);
    putAnnotations(metadata, objectAnnotations);
    if (ownerKind != null) {
      ObjectNode owner = metadata.putArray("ownerReferences").addObject();
      owner.put("apiVersion", "apps/v1").put("kind", ownerKind).put("name", ownerName);
      owner.put("controller", true);
    }

    ObjectNode spec = podSpec(object);
    for (String[] item : items) {
      ArrayNode list = spec.has(item[0]) ? (ArrayNode) spec.get(item[0]) : spec.putArray(item[0]);
      list.addObject().put("name", item[1]).put("image", item[2]);
    }
    return object;
  }

  private ObjectNode podSpec(ObjectNode object) {
    ObjectNode spec = object.putObject("spec");
    switch (kind) {
      case "Pod":
        return spec;
      case "CronJob":
        return template(spec.putObject("jobTemplate").putObject("spec"));
      default:
        return template(spec);
    }
  }

  private ObjectNode template(ObjectNode parent) {
    ObjectNode template = parent.putObject("template");
    ObjectNode metadata = template.putObject("metadata");
    putAnnotations(metadata, templateAnnotations);
    return template.putObject("spec");
  }

  private static void putAnnotations(ObjectNode metadata, Map<String, String> values) {
    if (values.isEmpty()) {
      return;
    }
    ObjectNode node = metadata.putObject("annotations");
    values.forEach(node::put);
  }
}
