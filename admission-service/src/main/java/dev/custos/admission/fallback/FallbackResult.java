package dev.custos.admission.fallback;

import java.util.Map;
import java.util.Set;

/**
 * What the metadata-service queries for one review found.
 *
 * @param verified for each image key ({@code CacheSnapshot.key}), the attestors whose attestation a
 *     query returned and this service verified with the policy's keys
 * @param failures for each image key, why a query for it failed (timeout, error or shed); an image
 *     whose queries all answered is absent
 */
public record FallbackResult(Map<String, Set<String>> verified, Map<String, String> failures) {
  public FallbackResult {
    verified = Map.copyOf(verified);
    failures = Map.copyOf(failures);
  }
}
