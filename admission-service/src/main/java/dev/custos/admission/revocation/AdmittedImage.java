package dev.custos.admission.revocation;

import java.util.Set;

/**
 * An image that a workload was admitted with because attestations verified for it.
 *
 * @param subjectKey the canonical repository and digest, as {@code CacheSnapshot.key}
 * @param digest the image digest, such as {@code sha256:<hex>}
 * @param attestors the names of the required attestors whose signatures verified for the image
 */
public record AdmittedImage(String subjectKey, String digest, Set<String> attestors) {

  public AdmittedImage {
    attestors = Set.copyOf(attestors);
  }
}
