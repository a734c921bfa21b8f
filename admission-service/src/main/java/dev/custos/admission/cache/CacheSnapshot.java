package dev.custos.admission.cache;

import dev.custos.admission.decision.VerifiedAttestations;
import dev.custos.admission.policy.LoadedPolicy;
import dev.custos.events.image.ImageReference;
import java.util.Map;
import java.util.Set;

/**
 * A policy together with the images verified under its keys. A request decides with one snapshot,
 * so that it never combines a new policy with verifications made under the keys of an old one.
 *
 * <p>Images are keyed by canonical repository and digest, because an attestation binds both: its
 * resource URI and its signed payload name the repository, so a signature for {@code a@D} does not
 * admit {@code b@D}. The map is a concurrent map that only the cache's writer changes, one image at
 * a time, and its values are immutable sets, so a lookup takes no lock.
 *
 * @param policy the policy whose keys verified the attestations
 * @param verified the names of the attestors whose signatures verified, by {@link #key}
 */
public record CacheSnapshot(LoadedPolicy policy, Map<String, Set<String>> verified)
    implements VerifiedAttestations {

  /** Returns the key of an image by digest: {@code <canonical name>@<digest>}. */
  public static String key(ImageReference image) {
    return image.canonicalName() + "@" + image.digest();
  }

  @Override
  public Set<String> attestorsFor(ImageReference image) {
    if (image.digest() == null) {
      return Set.of();
    }
    return verified.getOrDefault(key(image), Set.of());
  }
}
