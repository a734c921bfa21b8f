package dev.custos.signer.webhook;

import static dev.custos.signer.webhook.JsonFields.optionalArray;
import static dev.custos.signer.webhook.JsonFields.optionalObject;
import static dev.custos.signer.webhook.JsonFields.optionalText;
import static dev.custos.signer.webhook.JsonFields.path;
import static dev.custos.signer.webhook.JsonFields.requireObject;
import static dev.custos.signer.webhook.JsonFields.requiredArray;
import static dev.custos.signer.webhook.JsonFields.requiredDigest;
import static dev.custos.signer.webhook.JsonFields.requiredNonNegativeLong;
import static dev.custos.signer.webhook.JsonFields.requiredObject;
import static dev.custos.signer.webhook.JsonFields.requiredText;
import static dev.custos.signer.webhook.JsonFields.requiredTimestamp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custos.events.image.Digest;
import dev.custos.events.image.ImageReference;
import dev.custos.events.registry.ImagePushed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a CNCF Distribution notification envelope, {@code {"events": [...]}}, as registry 2.x
 * ({@code application/vnd.docker.distribution.events.v1+json}) and 3.x ({@code ...v2+json}) send
 * it.
 *
 * <p>Only the push of a manifest or index is an image push. Distribution reports each blob of a
 * push as an event of its own, with media type {@code application/octet-stream}, and those are
 * ignored like pulls, deletes and cross-repository mounts.
 */
final class DistributionNotificationParser {
  private static final String EVENTS = "events";

  private DistributionNotificationParser() {}

  static RegistryNotification parse(JsonNode root, String registryHost) {
    requireObject(root, "");
    JsonNode events = requiredArray(root, EVENTS, "");

    Collector collector = new Collector(registryHost);
    for (int i = 0; i < events.size(); i++) {
      collector.add(events.get(i), path(EVENTS, i));
    }
    return collector.result();
  }

  /** Sorts the events of one envelope into pushes, attached artifacts and ignored events. */
  private static final class Collector {
    private final String registryHost;
    private final List<ImagePushed> pushes = new ArrayList<>();
    private final List<AttachedArtifact> artifacts = new ArrayList<>();
    private final List<IgnoredEvent> ignored = new ArrayList<>();

    Collector(String registryHost) {
      this.registryHost = registryHost;
    }

    void add(JsonNode event, String path) {
      requireObject(event, path);
      String id = requiredText(event, "id", path);
      String action = requiredText(event, "action", path);
      JsonNode target = requiredObject(event, "target", path);

      IgnoreReason reason = ignoreReason(action, target, path);
      if (reason != null) {
        ignored.add(new IgnoredEvent(id, path, reason));
        return;
      }
      addManifestPush(id, event, target, path);
    }

    /** Returns why the event is not a manifest push, or null when it is one. */
    private static IgnoreReason ignoreReason(String action, JsonNode target, String path) {
      switch (action) {
        case "push":
          break;
        case "pull":
          return IgnoreReason.PULL;
        case "delete":
          return IgnoreReason.DELETE;
        case "mount":
          return IgnoreReason.MOUNT;
        default:
          return IgnoreReason.OTHER_ACTION;
      }
      String mediaType = requiredText(target, "mediaType", path(path, "target"));
      return ManifestMediaTypes.isManifest(mediaType) ? null : IgnoreReason.BLOB_PUSH;
    }

    private void addManifestPush(String id, JsonNode event, JsonNode target, String path) {
      String targetPath = path(path, "target");
      String mediaType = requiredText(target, "mediaType", targetPath);
      Digest digest = requiredDigest(target, "digest", targetPath);
      String repository = requiredText(target, "repository", targetPath);
      String tag = optionalText(target, "tag", targetPath);
      long size = manifestSize(target, targetPath);
      Instant pushedAt = requiredTimestamp(event, "timestamp", path);
      List<Digest> references = referenceDigests(target, targetPath);

      ImageReference reference =
          PushedReferences.create(
              registryHost,
              repository,
              path(targetPath, "repository"),
              tag,
              path(targetPath, "tag"),
              digest);

      Optional<Digest> subject = PushedReferences.artifactSubject(tag);
      if (subject.isPresent() || isArtifact(target, targetPath, mediaType)) {
        artifacts.add(new AttachedArtifact(reference, mediaType, subject.orElse(null), id));
        return;
      }

      List<String> platformDigests = new ArrayList<>();
      if (ManifestMediaTypes.isIndex(mediaType)) {
        references.forEach(platform -> platformDigests.add(platform.toString()));
      }
      pushes.add(
          new ImagePushed(
              reference.registry(),
              reference.repository(),
              reference.tag(),
              digest.toString(),
              mediaType,
              size,
              pushedAt,
              actor(event, path),
              id,
              platformDigests));
    }

    /**
     * Returns whether a manifest describes an artifact rather than an image: the OCI artifact
     * manifest, or an image manifest whose config, its first reference, is not an image config.
     * That is how oras and the OCI 1.1 guidance mark an artifact, with {@code
     * application/vnd.oci.empty.v1+json} as the config.
     */
    private static boolean isArtifact(JsonNode target, String targetPath, String mediaType) {
      if (ManifestMediaTypes.isArtifactManifest(mediaType)) {
        return true;
      }
      if (ManifestMediaTypes.isIndex(mediaType)) {
        return false;
      }
      JsonNode references = optionalArray(target, "references", targetPath);
      if (references == null || references.isEmpty()) {
        return false;
      }
      String configPath = path(path(targetPath, "references"), 0);
      JsonNode config = requireObject(references.get(0), configPath);
      String configType = requiredText(config, "mediaType", configPath);
      return !ManifestMediaTypes.isImageConfig(configType);
    }

    /** Returns the digests of an index's manifests, or of a manifest's config and layers. */
    private static List<Digest> referenceDigests(JsonNode target, String targetPath) {
      List<Digest> digests = new ArrayList<>();
      JsonNode references = optionalArray(target, "references", targetPath);
      if (references == null) {
        return digests;
      }
      String referencesPath = path(targetPath, "references");
      for (int i = 0; i < references.size(); i++) {
        String referencePath = path(referencesPath, i);
        JsonNode reference = requireObject(references.get(i), referencePath);
        digests.add(requiredDigest(reference, "digest", referencePath));
      }
      return digests;
    }

    /** Reads {@code size}, or {@code length}, which registry 2.x also sends with the same value. */
    private static long manifestSize(JsonNode target, String targetPath) {
      String field = target.hasNonNull("size") || !target.hasNonNull("length") ? "size" : "length";
      return requiredNonNegativeLong(target, field, targetPath);
    }

    /** Returns {@code actor.name}, absent when the registry has no authentication. */
    private static String actor(JsonNode event, String path) {
      JsonNode actor = optionalObject(event, "actor", path);
      if (actor == null) {
        return null;
      }
      return optionalText(actor, "name", path(path, "actor"));
    }

    RegistryNotification result() {
      return new RegistryNotification(pushes, artifacts, ignored);
    }
  }
}
