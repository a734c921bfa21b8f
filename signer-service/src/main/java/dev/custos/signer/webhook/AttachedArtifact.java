package dev.custos.signer.webhook;

import dev.custos.events.image.Digest;
import dev.custos.events.image.ImageReference;
import java.util.Objects;
import java.util.Optional;

/**
 * Manifest pushed to describe another image rather than to be run: a cosign signature, attestation
 * or SBOM, or an OCI artifact that oras or a referrers-API fallback tag attaches to an image.
 *
 * @param reference the pushed manifest, with its digest and the tag it was pushed under, if any
 * @param mediaType the manifest media type
 * @param subject digest of the image the artifact is attached to, or null when the webhook does not
 *     show it
 * @param registryEventId the registry's id of the event
 */
public record AttachedArtifact(
    ImageReference reference, String mediaType, Digest subject, String registryEventId) {

  public AttachedArtifact {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(reference.digest(), "reference.digest");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(registryEventId, "registryEventId");
  }

  /** Returns the digest of the image the artifact is attached to, when the webhook shows it. */
  public Optional<Digest> subjectDigest() {
    return Optional.ofNullable(subject);
  }
}
