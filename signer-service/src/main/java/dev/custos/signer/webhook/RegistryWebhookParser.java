package dev.custos.signer.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;

/**
 * Parses registry webhook bodies into {@link RegistryNotification}s: CNCF Distribution notification
 * envelopes and Harbor {@code PUSH_ARTIFACT} payloads.
 *
 * <p>The registry host of every reference is the one configured for the webhook endpoint, never a
 * host named in the request, so a registry cannot claim pushes to another registry. Instances are
 * immutable and thread-safe.
 */
public final class RegistryWebhookParser {
  /** Content type of registry 2.x (CNCF Distribution 2.8) notifications. */
  public static final String DISTRIBUTION_EVENTS_V1 =
      "application/vnd.docker.distribution.events.v1+json";

  /** Content type of registry 3.x (CNCF Distribution 3.0) notifications. */
  public static final String DISTRIBUTION_EVENTS_V2 =
      "application/vnd.docker.distribution.events.v2+json";

  /** Content type that Harbor sends, and that a proxy may give a Distribution envelope. */
  public static final String JSON = "application/json";

  private final ObjectMapper mapper =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  /**
   * Parses one webhook request body.
   *
   * @param contentType the request's {@code Content-Type} header, parameters allowed
   * @param body the request body
   * @param registryHost the configured host of the registry that the endpoint serves, such as
   *     {@code registry.example.com:5000}
   * @throws UnsupportedWebhookMediaTypeException if the content type is missing or unknown
   * @throws InvalidWebhookPayloadException if the body or any event in it is malformed
   * @throws IllegalArgumentException if {@code registryHost} is not a valid registry host
   */
  public RegistryNotification parse(String contentType, byte[] body, String registryHost) {
    Objects.requireNonNull(body, "body");
    PushedReferences.validateHost(registryHost);
    String mediaType = mediaType(contentType);

    if (mediaType.equals(DISTRIBUTION_EVENTS_V1) || mediaType.equals(DISTRIBUTION_EVENTS_V2)) {
      return DistributionNotificationParser.parse(readTree(body), registryHost);
    }
    if (mediaType.equals(JSON)) {
      return parseJson(readTree(body), registryHost);
    }
    throw new UnsupportedWebhookMediaTypeException(
        contentType,
        "unsupported Content-Type \""
            + contentType
            + "\": expected "
            + DISTRIBUTION_EVENTS_V1
            + ", "
            + DISTRIBUTION_EVENTS_V2
            + " or "
            + JSON);
  }

  /** Tells a Distribution envelope from a Harbor payload when both arrive as plain JSON. */
  private static RegistryNotification parseJson(JsonNode root, String registryHost) {
    JsonFields.requireObject(root, "");
    if (root.has("events")) {
      return DistributionNotificationParser.parse(root, registryHost);
    }
    if (root.has("type")) {
      return HarborWebhookParser.parse(root, registryHost);
    }
    throw new InvalidWebhookPayloadException(
        "",
        "unknown webhook format: expected a Distribution envelope with \"events\" or a Harbor"
            + " payload with \"type\"");
  }

  private static String mediaType(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      throw new UnsupportedWebhookMediaTypeException(contentType, "missing Content-Type");
    }
    int semicolon = contentType.indexOf(';');
    String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return type.trim().toLowerCase(Locale.ROOT);
  }

  private JsonNode readTree(byte[] body) {
    if (body.length == 0) {
      throw new InvalidWebhookPayloadException("", "the body is empty");
    }
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidWebhookPayloadException(
          "", "invalid JSON: " + e.getOriginalMessage() + " at " + location(e), e);
    } catch (IOException e) {
      throw new InvalidWebhookPayloadException("", "invalid JSON: " + e.getMessage(), e);
    }
    if (root == null || root.isMissingNode()) {
      throw new InvalidWebhookPayloadException("", "the body contains no JSON value");
    }
    return root;
  }

  private static String location(JsonProcessingException e) {
    if (e.getLocation() == null) {
      return "an unknown position";
    }
    return "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }
}
