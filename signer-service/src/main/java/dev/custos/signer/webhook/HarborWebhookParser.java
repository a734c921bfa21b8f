package dev.custos.signer.webhook;

import static dev.custos.signer.webhook.JsonFields.optionalText;
import static dev.custos.signer.webhook.JsonFields.path;
import static dev.custos.signer.webhook.JsonFields.requireObject;
import static dev.custos.signer.webhook.JsonFields.requiredArray;
import static dev.custos.signer.webhook.JsonFields.requiredDigest;
import static dev.custos.signer.webhook.JsonFields.requiredNonNegativeLong;
import static dev.custos.signer.webhook.JsonFields.requiredObject;
import static dev.custos.signer.webhook.JsonFields.requiredText;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custos.events.image.Digest;
import dev.custos.events.image.ImageReference;
import dev.custos.events.registry.ImagePushed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a Harbor webhook in its "Default" payload format: {@code type}, {@code occur_at} (Unix
 * seconds), {@code operator} and {@code event_data} with {@code resources[]} and {@code
 * repository}. Only {@code PUSH_ARTIFACT} is a push. Each resource of it is one pushed artifact.
 */
final class HarborWebhookParser {
  static final String PUSH_ARTIFACT = "PUSH_ARTIFACT";

  /**
   * Media type given to Harbor pushes. Harbor's payload has no media type, so the generic type for
   * content of unknown type is used.
   */
  // NOTE: a consumer that needs the real type (index or manifest) must fetch the manifest.
  static final String UNREPORTED_MEDIA_TYPE = "application/octet-stream";

  /** Size given to Harbor pushes, whose payload has no manifest size. */
  static final long UNREPORTED_SIZE = 0;

  private static final String EVENT_DATA = "event_data";

  private HarborWebhookParser() {}

  static RegistryNotification parse(JsonNode root, String registryHost) {
    requireObject(root, "");
    String type = requiredText(root, "type", "");
    if (!type.equals(PUSH_ARTIFACT)) {
      IgnoredEvent event = new IgnoredEvent(null, "", ignoreReason(type));
      return new RegistryNotification(List.of(), List.of(), List.of(event));
    }

    long occurredAtSeconds = requiredNonNegativeLong(root, "occur_at", "");
    String operator = optionalText(root, "operator", "");
    JsonNode eventData = requiredObject(root, EVENT_DATA, "");
    String repository = repositoryName(eventData);
    String resourcesPath = path(EVENT_DATA, "resources");
    JsonNode resources = requiredArray(eventData, "resources", EVENT_DATA);
    if (resources.isEmpty()) {
      throw new InvalidWebhookPayloadException(
          resourcesPath, "missing: a PUSH_ARTIFACT payload lists at least one resource");
    }

    List<ImagePushed> pushes = new ArrayList<>();
    List<AttachedArtifact> artifacts = new ArrayList<>();
    for (int i = 0; i < resources.size(); i++) {
      String resourcePath = path(resourcesPath, i);
      JsonNode resource = requireObject(resources.get(i), resourcePath);
      Digest digest = requiredDigest(resource, "digest", resourcePath);
      String tag = tag(resource, resourcePath);
      ImageReference reference =
          PushedReferences.create(
              registryHost,
              repository,
              path(path(EVENT_DATA, "repository"), "repo_full_name"),
              tag,
              path(resourcePath, "tag"),
              digest);
      String eventId = eventId(type, occurredAtSeconds, reference);

      Optional<Digest> subject = PushedReferences.artifactSubject(tag);
      if (subject.isPresent()) {
        artifacts.add(
            new AttachedArtifact(reference, UNREPORTED_MEDIA_TYPE, subject.get(), eventId));
        continue;
      }
      pushes.add(
          new ImagePushed(
              reference.registry(),
              reference.repository(),
              reference.tag(),
              digest.toString(),
              UNREPORTED_MEDIA_TYPE,
              UNREPORTED_SIZE,
              Instant.ofEpochSecond(occurredAtSeconds),
              operator,
              eventId,
              List.of()));
    }
    return new RegistryNotification(pushes, artifacts, List.of());
  }

  private static IgnoreReason ignoreReason(String type) {
    switch (type) {
      case "PULL_ARTIFACT":
        return IgnoreReason.PULL;
      case "DELETE_ARTIFACT":
        return IgnoreReason.DELETE;
      default:
        return IgnoreReason.OTHER_EVENT_TYPE;
    }
  }

  /** Returns {@code repo_full_name}, or {@code namespace/name} when it is absent. */
  private static String repositoryName(JsonNode eventData) {
    String repositoryPath = path(EVENT_DATA, "repository");
    JsonNode repository = requiredObject(eventData, "repository", EVENT_DATA);
    String fullName = optionalText(repository, "repo_full_name", repositoryPath);
    if (fullName != null) {
      return fullName;
    }
    String namespace = requiredText(repository, "namespace", repositoryPath);
    String name = requiredText(repository, "name", repositoryPath);
    return namespace + "/" + name;
  }

  /**
   * Returns the tag, or null for a push by digest, for which Harbor puts the digest itself in the
   * {@code tag} field.
   */
  private static String tag(JsonNode resource, String resourcePath) {
    String tag = optionalText(resource, "tag", resourcePath);
    if (tag == null || tag.startsWith(Digest.SHA256 + ":") || tag.startsWith(Digest.SHA512 + ":")) {
      return null;
    }
    return tag;
  }

  /**
   * Derives an event id from the payload. Harbor sends no id, so the id is built from the fields
   * that a redelivery repeats: type, time, repository, tag and digest.
   */
  private static String eventId(String type, long occurredAtSeconds, ImageReference reference) {
    return "harbor:" + type + ":" + occurredAtSeconds + ":" + reference.canonical();
  }
}
