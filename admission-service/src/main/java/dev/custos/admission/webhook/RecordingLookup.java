package dev.custos.admission.webhook;

import dev.custos.admission.cache.CacheSnapshot;
import dev.custos.admission.decision.AdmissionDecision;
import dev.custos.admission.decision.DecisionReason;
import dev.custos.admission.decision.ImageVerdict;
import dev.custos.admission.decision.VerifiedAttestations;
import dev.custos.admission.fallback.Miss;
import dev.custos.admission.policy.EvaluationMode;
import dev.custos.admission.policy.Rule;
import dev.custos.admission.verify.Attestor;
import dev.custos.events.image.ImageReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A lookup in one cache snapshot that records what the decision asked, so that the webhook can tell
 * which images the cache did not attest enough and which attestors they lack.
 */
final class RecordingLookup implements VerifiedAttestations {
  private final CacheSnapshot snapshot;
  private final Map<String, ImageReference> images = new LinkedHashMap<>();
  private final Map<String, Set<String>> found = new LinkedHashMap<>();

  RecordingLookup(CacheSnapshot snapshot) {
    this.snapshot = snapshot;
  }

  @Override
  public Set<String> attestorsFor(ImageReference image) {
    Set<String> attestors = snapshot.attestorsFor(image);
    String key = CacheSnapshot.key(image);
    images.putIfAbsent(key, image);
    found.putIfAbsent(key, attestors);
    return attestors;
  }

  /**
   * Returns the misses that a metadata-service query could turn into an admission: none unless the
   * policy denied the request and every denied image is a digest that lacks attestations. A request
   * also denied for a definite reason, such as a tag without a digest, gets no query.
   */
  List<Miss> misses(AdmissionDecision decision, Rule rule) {
    if (decision.allowed()
        || decision.reason() != DecisionReason.POLICY_DENIED
        || rule.evaluationMode() != EvaluationMode.REQUIRE_ATTESTATION) {
      return List.of();
    }
    Map<String, Miss> misses = new LinkedHashMap<>();
    for (Map.Entry<String, Set<String>> entry : found.entrySet()) {
      Set<String> attested = entry.getValue();
      long present = rule.requiredAttestors().stream().filter(attested::contains).count();
      if (present >= rule.minimum()) {
        continue;
      }
      List<Attestor> missing = new ArrayList<>();
      for (String name : rule.requiredAttestors()) {
        Attestor attestor = snapshot.policy().attestors().get(name);
        if (!attested.contains(name) && attestor != null) {
          missing.add(attestor);
        }
      }
      misses.put(entry.getKey(), new Miss(images.get(entry.getKey()), missing));
    }

    for (ImageVerdict verdict : decision.images()) {
      if (verdict.denied() && !misses.containsKey(keyOf(verdict))) {
        return List.of();
      }
    }
    return List.copyOf(misses.values());
  }

  /** Returns the cache key of the verdict's image, or null when it has no digest. */
  static String keyOf(ImageVerdict verdict) {
    ImageReference reference = verdict.reference();
    if (reference == null || !reference.hasDigest()) {
      return null;
    }
    return CacheSnapshot.key(
        new ImageReference(reference.registry(), reference.repository(), null, reference.digest()));
  }
}
