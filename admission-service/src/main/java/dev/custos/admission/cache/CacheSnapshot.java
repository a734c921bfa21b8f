package dev.custos.admission.cache;

import dev.custos.admission.decision.VerifiedAttestations;
import dev.custos.admission.policy.LoadedPolicy;
import dev.custos.events.image.Digest;
import dev.custos.events.image.ImageReference;
import java.util.Map;
import java.util.Set;

/**
 * A policy together with the digests verified under its keys. A request decides with one snapshot,
 * so that it never combines a new policy with verifications made under the keys of an old one.
 *
 * <p>The map is a concurrent map that only the cache's writer changes, one digest at a time, and
 * its values are immutable sets, so a lookup takes no lock.
 *
 * @param policy the policy whose keys verified the attestations
 * @param verified the names of the attestors whose signatures verified, by digest
 */
public record CacheSnapshot(LoadedPolicy policy, Map<Digest, Set<String>> verified)
    implements VerifiedAttestations {

  @Override
  public Set<String> attestorsFor(ImageReference image) {
    if (image.digest() == null) {
      return Set.of();
    }
    return verified.getOrDefault(image.digest(), Set.of());
  }
}
