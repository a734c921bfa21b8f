package dev.custos.signer.webhook;

import dev.custos.events.image.Digest;
import dev.custos.events.image.ImageReference;
import dev.custos.events.image.InvalidImageReferenceException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds and classifies the image references of pushed manifests. */
final class PushedReferences {
  /**
   * Tag that names the image an artifact belongs to: cosign's {@code sha256-<hex>.sig}, {@code
   * .att} and {@code .sbom}, and the bare {@code sha256-<hex>} tag under which oras and other
   * clients store an index of referrers when the registry has no OCI referrers API.
   */
  private static final Pattern ARTIFACT_TAG =
      Pattern.compile("sha256-([0-9a-f]{64})(?:\\.(?:sig|att|sbom))?");

  private PushedReferences() {}

  /**
   * Returns the reference {@code registryHost/repository[:tag]@digest}.
   *
   * @param repositoryPath JSON path of the repository field, for error messages
   * @param tagPath JSON path of the tag field, for error messages
   * @throws IllegalArgumentException if the configured registry host is invalid
   * @throws InvalidWebhookPayloadException if the repository or tag is invalid
   */
  static ImageReference create(
      String registryHost,
      String repository,
      String repositoryPath,
      String tag,
      String tagPath,
      Digest digest) {
    try {
      return new ImageReference(registryHost, repository, tag, digest);
    } catch (InvalidImageReferenceException e) {
      switch (e.part()) {
        case HOST:
          throw new IllegalArgumentException(
              "the configured registry host is invalid: " + e.getMessage(), e);
        case TAG:
          throw new InvalidWebhookPayloadException(tagPath, e.getMessage(), e);
        default:
          throw new InvalidWebhookPayloadException(repositoryPath, e.getMessage(), e);
      }
    }
  }

  /** Validates a configured registry host before any payload is read. */
  static void validateHost(String registryHost) {
    create(registryHost, "validate", "", null, "", null);
  }

  /**
   * Returns the digest of the image that an artifact tag names, or empty when the tag is absent or
   * an ordinary image tag.
   */
  static Optional<Digest> artifactSubject(String tag) {
    if (tag == null) {
      return Optional.empty();
    }
    Matcher matcher = ARTIFACT_TAG.matcher(tag);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    return Optional.of(new Digest(Digest.SHA256, matcher.group(1)));
  }
}
