package dev.custos.audit.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.events.cloudevents.CloudEventAttributes;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One entry of the audit log: the CloudEvents attributes of the event it records, the subject and
 * outcome fields that search uses, and the event data. Its leaf is the SHA-256 of its canonical
 * JSON ({@link #canonicalBytes()}), so the JSON shape of {@link #toJson()} is part of the log's
 * format and must not change for entries already appended.
 *
 * <p>The JSON object has the members {@code id}, {@code type}, {@code source}, {@code time} (an
 * ISO-8601 UTC instant), {@code subject} (an object of {@code digest}, {@code image}, {@code
 * namespace} and {@code name}), {@code actor}, {@code decision}, {@code reason} and {@code data}.
 * Absent optional values are left out, except {@code data}, which is {@code null} when the event
 * has none.
 *
 * @param eventId the CloudEvents {@code id}, on which appends are deduplicated
 * @param eventType the CloudEvents {@code type}
 * @param source the CloudEvents {@code source} URI reference
 * @param time the CloudEvents {@code time}, or {@code null}
 * @param subject the image or workload that the event is about
 * @param actor who caused the event, such as the pushing user or the admission request's user, or
 *     {@code null}
 * @param decision the outcome, such as {@code allowed} or {@code denied}, or {@code null}
 * @param reason the reason given for the outcome, or {@code null}
 * @param data the event data, or {@code null}
 */
public record LogEntry(
    String eventId,
    String eventType,
    String source,
    Instant time,
    Subject subject,
    String actor,
    String decision,
    String reason,
    JsonNode data) {

  private static final String ADMISSION_DECISION = "dev.custos.admission.decision";

  public LogEntry {
    requireText(eventId, "eventId");
    requireText(eventType, "eventType");
    requireText(source, "source");
    Objects.requireNonNull(subject, "subject");
    data = data == null ? NullNode.getInstance() : data.deepCopy();
  }

  /** Returns a copy of the event data, so the entry's canonical bytes cannot change. */
  @Override
  public JsonNode data() {
    return data.deepCopy();
  }

  /** Returns a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder with the id, type, source and time of a received event. */
  public static Builder builder(CloudEventAttributes attributes) {
    return new Builder()
        .eventId(attributes.id())
        .eventType(attributes.type().type())
        .source(attributes.source().toString())
        .time(attributes.time());
  }

  /**
   * Returns whether the entry is an admission decision whose workload carried the breakglass
   * annotation ({@code data.breakglass} is {@code true}).
   */
  public boolean breakglass() {
    return eventType.equals(ADMISSION_DECISION) && data.path("breakglass").asBoolean(false);
  }

  /**
   * Returns every image digest that the entry is about, sorted and without repeats: the subject's,
   * and for an admission decision the digest of each image in {@code data.images}, which the
   * subject leaves out when the workload has several.
   */
  public List<String> digests() {
    TreeSet<String> digests = new TreeSet<>();
    if (subject.digest() != null) {
      digests.add(subject.digest());
    }
    if (eventType.equals(ADMISSION_DECISION)) {
      for (JsonNode image : data.path("images")) {
        JsonNode digest = image.path("digest");
        if (digest.isTextual()) {
          digests.add(digest.asText());
        }
      }
    }
    return List.copyOf(digests);
  }

  /** Returns the entry as a JSON object. */
  public ObjectNode toJson() {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode entry = json.objectNode();
    entry.put("id", eventId);
    entry.put("type", eventType);
    entry.put("source", source);
    putIfPresent(entry, "time", time == null ? null : time.toString());
    if (!subject.isEmpty()) {
      entry.set("subject", subject.toJson());
    }
    putIfPresent(entry, "actor", actor);
    putIfPresent(entry, "decision", decision);
    putIfPresent(entry, "reason", reason);
    entry.set("data", data.deepCopy());
    return entry;
  }

  /** Returns the RFC 8785 canonical JSON of {@link #toJson()}, the bytes that the leaf covers. */
  public byte[] canonicalBytes() {
    return CanonicalJson.encode(toJson());
  }

  private static void putIfPresent(ObjectNode object, String name, String value) {
    if (value != null) {
      object.put(name, value);
    }
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(name + " is missing");
    }
  }

  /**
   * The image or workload that an event is about. Every field may be {@code null}.
   *
   * @param digest the image digest, such as {@code sha256:<64 hex digits>}
   * @param image the image reference or repository
   * @param namespace the Kubernetes namespace of a workload
   * @param name the name of a workload, occurrence or other resource
   */
  public record Subject(String digest, String image, String namespace, String name) {
    boolean isEmpty() {
      return digest == null && image == null && namespace == null && name == null;
    }

    ObjectNode toJson() {
      ObjectNode subject = JsonNodeFactory.instance.objectNode();
      putIfPresent(subject, "digest", digest);
      putIfPresent(subject, "image", image);
      putIfPresent(subject, "namespace", namespace);
      putIfPresent(subject, "name", name);
      return subject;
    }
  }

  /** Collects the fields of an entry. */
  public static final class Builder {
    private String eventId;
    private String eventType;
    private String source;
    private Instant time;
    private String digest;
    private String image;
    private String namespace;
    private String name;
    private String actor;
    private String decision;
    private String reason;
    private JsonNode data;

    private Builder() {}

    public Builder eventId(String eventId) {
      this.eventId = eventId;
      return this;
    }

    public Builder eventType(String eventType) {
      this.eventType = eventType;
      return this;
    }

    public Builder source(String source) {
      this.source = source;
      return this;
    }

    public Builder time(Instant time) {
      this.time = time;
      return this;
    }

    public Builder digest(String digest) {
      this.digest = digest;
      return this;
    }

    public Builder image(String image) {
      this.image = image;
      return this;
    }

    public Builder namespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder actor(String actor) {
      this.actor = actor;
      return this;
    }

    public Builder decision(String decision) {
      this.decision = decision;
      return this;
    }

    public Builder reason(String reason) {
      this.reason = reason;
      return this;
    }

    public Builder data(JsonNode data) {
      this.data = data;
      return this;
    }

    /**
     * Builds the entry.
     *
     * @throws IllegalArgumentException if the event id, type or source is missing
     */
    public LogEntry build() {
      return new LogEntry(
          eventId,
          eventType,
          source,
          time,
          new Subject(digest, image, namespace, name),
          actor,
          decision,
          reason,
          data);
    }
  }
}
