package dev.custos.events.registry;

import dev.custos.events.CustosEvent;
import dev.custos.events.Require;
import java.time.Instant;
import java.util.List;

/**
 * An image manifest or index pushed to a registry, normalized from the registry's webhook. Event
 * type {@code dev.custos.registry.image.pushed} on topic {@code registry.pushes}, keyed by digest.
 *
 * @param registry the registry host, with its port when not the default, such as {@code
 *     registry.example.com:5000}
 * @param repository the repository path inside the registry, such as {@code team/app}
 * @param tag the tag pushed, or {@code null} for a push by digest
 * @param digest the manifest or index digest, such as {@code sha256:<64 hex digits>}
 * @param mediaType the manifest media type, such as {@code application/vnd.oci.image.index.v1+json}
 * @param size the manifest size in bytes
 * @param pushedAt when the registry accepted the push
 * @param actor the registry user who pushed, or {@code null} when the registry does not tell
 * @param registryEventId the registry's id of the notification, unique per registry
 * @param platformManifestDigests the digests of the platform manifests that an index lists, in its
 *     order, or an empty list for a single manifest
 */
public record ImagePushed(
    String registry,
    String repository,
    String tag,
    String digest,
    String mediaType,
    long size,
    Instant pushedAt,
    String actor,
    String registryEventId,
    List<String> platformManifestDigests)
    implements CustosEvent {

  public ImagePushed {
    Require.text(registry, "registry");
    Require.text(repository, "repository");
    Require.optionalText(tag, "tag");
    Require.digest(digest, "digest");
    Require.text(mediaType, "mediaType");
    Require.nonNegative(size, "size");
    Require.present(pushedAt, "pushedAt");
    Require.optionalText(actor, "actor");
    Require.text(registryEventId, "registryEventId");
    platformManifestDigests = Require.list(platformManifestDigests, "platformManifestDigests");
    for (int i = 0; i < platformManifestDigests.size(); i++) {
      Require.digest(platformManifestDigests.get(i), "platformManifestDigests[" + i + "]");
    }
  }

  /** Returns the digest, which orders the pushes of one image on one partition. */
  @Override
  public String key() {
    return digest;
  }
}
