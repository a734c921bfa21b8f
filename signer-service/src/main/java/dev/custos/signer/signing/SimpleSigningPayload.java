package dev.custos.signer.signing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custos.events.image.Digest;
import dev.custos.events.image.ImageReference;
import dev.custos.events.image.InvalidImageReferenceException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Objects;

/**
 * The containers/image "simple signing" payload that Custos signs:
 *
 * <pre>{@code
 * {"critical":{"identity":{"docker-reference":"<registry/repository[:tag]>"},
 *              "image":{"docker-manifest-digest":"<digest>"},
 *              "type":"atomic container signature"},
 *  "optional":{"creator":"<creator>","timestamp":<Unix seconds>}}
 * }</pre>
 *
 * <p>The payload is serialized once, at creation or from the parsed bytes, and {@link
 * #serialized()} returns those bytes unchanged ever after. An attestation stores them as its {@code
 * serializedPayload} and the signature covers exactly them, so nothing re-serializes a payload
 * between signing and storing.
 */
public final class SimpleSigningPayload {
  /** Value of {@code critical.type}. */
  public static final String TYPE = "atomic container signature";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory JSON = MAPPER.getFactory();

  private final String dockerReference;
  private final Digest manifestDigest;
  private final String creator;
  private final Long timestampSeconds;
  private final byte[] serialized;

  private SimpleSigningPayload(
      String dockerReference,
      Digest manifestDigest,
      String creator,
      Long timestampSeconds,
      byte[] serialized) {
    this.dockerReference = dockerReference;
    this.manifestDigest = manifestDigest;
    this.creator = creator;
    this.timestampSeconds = timestampSeconds;
    this.serialized = serialized;
  }

  /**
   * Creates and serializes the payload for an image. The identity is the reference without its
   * digest, {@code registry/repository[:tag]}, and the digest goes to {@code
   * docker-manifest-digest}.
   *
   * @param image the image, which must have a digest
   * @param creator the signing software and version, such as {@code custos-signer 0.1.0}
   * @param timestamp the signing time, stored in whole Unix seconds
   */
  public static SimpleSigningPayload create(
      ImageReference image, String creator, Instant timestamp) {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(creator, "creator");
    Objects.requireNonNull(timestamp, "timestamp");
    if (!image.hasDigest()) {
      throw new IllegalArgumentException(
          "a signature names a manifest digest, but " + image + " has no digest");
    }

    String identity = image.canonicalName() + (image.hasTag() ? ":" + image.tag() : "");
    long seconds = timestamp.getEpochSecond();
    byte[] bytes = serialize(identity, image.digest(), creator, seconds);
    return new SimpleSigningPayload(identity, image.digest(), creator, seconds, bytes);
  }

  /**
   * Parses a serialized payload and keeps its bytes as given.
   *
   * @throws IllegalArgumentException if the JSON is not a simple-signing payload
   */
  public static SimpleSigningPayload parse(byte[] serialized) {
    JsonNode root;
    try {
      root = MAPPER.readTree(serialized);
    } catch (IOException e) {
      throw new IllegalArgumentException("the payload is not JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("the payload is not a JSON object");
    }

    JsonNode critical = root.path("critical");
    String type = critical.path("type").asText(null);
    if (!TYPE.equals(type)) {
      throw new IllegalArgumentException(
          "critical.type must be \"" + TYPE + "\", got " + critical.path("type"));
    }
    String identity = critical.path("identity").path("docker-reference").asText(null);
    if (identity == null || identity.isBlank()) {
      throw new IllegalArgumentException("critical.identity.docker-reference is missing");
    }
    Digest digest = parseDigest(critical.path("image").path("docker-manifest-digest"));

    JsonNode optional = root.path("optional");
    String creator = optional.path("creator").asText(null);
    JsonNode timestamp = optional.path("timestamp");
    Long seconds = timestamp.isIntegralNumber() ? timestamp.longValue() : null;
    return new SimpleSigningPayload(identity, digest, creator, seconds, serialized.clone());
  }

  /** Returns {@code critical.identity.docker-reference}. */
  public String dockerReference() {
    return dockerReference;
  }

  /** Returns {@code critical.image.docker-manifest-digest}. */
  public Digest manifestDigest() {
    return manifestDigest;
  }

  /** Returns {@code optional.creator}, or null when the payload has none. */
  public String creator() {
    return creator;
  }

  /** Returns {@code optional.timestamp} in Unix seconds, or null when the payload has none. */
  public Long timestampSeconds() {
    return timestampSeconds;
  }

  /** Returns a copy of the serialized bytes, the exact bytes to sign and store. */
  public byte[] serialized() {
    return serialized.clone();
  }

  @Override
  public String toString() {
    return "SimpleSigningPayload[dockerReference="
        + dockerReference
        + ", manifestDigest="
        + manifestDigest
        + "]";
  }

  private static Digest parseDigest(JsonNode node) {
    if (!node.isTextual()) {
      throw new IllegalArgumentException("critical.image.docker-manifest-digest is missing");
    }
    try {
      return Digest.parse(node.textValue());
    } catch (InvalidImageReferenceException e) {
      throw new IllegalArgumentException(
          "critical.image.docker-manifest-digest: " + e.getMessage(), e);
    }
  }

  /** Writes the fields in a fixed order with no whitespace, as containers/image does. */
  private static byte[] serialize(String identity, Digest digest, String creator, long seconds) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator json = JSON.createGenerator(bytes)) {
      json.writeStartObject();
      json.writeObjectFieldStart("critical");
      json.writeObjectFieldStart("identity");
      json.writeStringField("docker-reference", identity);
      json.writeEndObject();
      json.writeObjectFieldStart("image");
      json.writeStringField("docker-manifest-digest", digest.toString());
      json.writeEndObject();
      json.writeStringField("type", TYPE);
      json.writeEndObject();
      json.writeObjectFieldStart("optional");
      json.writeStringField("creator", creator);
      json.writeNumberField("timestamp", seconds);
      json.writeEndObject();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory failed", e);
    }
    return bytes.toByteArray();
  }
}
