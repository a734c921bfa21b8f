package dev.custos.events.image;

/**
 * Kind of artifact that an image reference points to, which its tag determines.
 *
 * <p>Cosign stores the signatures, attestations and SBOMs of the image {@code sha256:<hex>} in the
 * same repository under the tags {@code sha256-<hex>.sig}, {@code sha256-<hex>.att} and {@code
 * sha256-<hex>.sbom}. Every other reference is an {@link #IMAGE}.
 *
 * <p>NOTE: only this tag scheme is recognised. An artifact attached through the OCI referrers API
 * is addressed by its own digest alone, so its reference cannot show what it is.
 */
public enum ArtifactKind {
  IMAGE(null),
  COSIGN_SIGNATURE("sig"),
  COSIGN_ATTESTATION("att"),
  COSIGN_SBOM("sbom");

  private final String tagSuffix;

  ArtifactKind(String tagSuffix) {
    this.tagSuffix = tagSuffix;
  }

  /** Returns the cosign tag suffix without the dot, or null for {@link #IMAGE}. */
  String tagSuffix() {
    return tagSuffix;
  }

  /** Returns the kind whose tag suffix is {@code suffix}, or {@link #IMAGE} if none has it. */
  static ArtifactKind fromTagSuffix(String suffix) {
    for (ArtifactKind kind : values()) {
      if (kind.tagSuffix != null && kind.tagSuffix.equals(suffix)) {
        return kind;
      }
    }
    return IMAGE;
  }
}
