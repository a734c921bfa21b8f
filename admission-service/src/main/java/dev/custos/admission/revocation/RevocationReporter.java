package dev.custos.admission.revocation;

import dev.custos.admission.AdmissionConfig;
import dev.custos.admission.cache.CacheSnapshot;
import dev.custos.admission.cache.LostAttestation;
import dev.custos.admission.cache.VerifiedDigestCache;
import dev.custos.admission.decision.AdmissionDecision;
import dev.custos.admission.decision.DecisionReason;
import dev.custos.admission.decision.ImageVerdict;
import dev.custos.admission.decision.VerifiedAttestations;
import dev.custos.admission.policy.EvaluationMode;
import dev.custos.admission.policy.Policy;
import dev.custos.admission.policy.Rule;
import dev.custos.admission.review.AdmissionRequest;
import dev.custos.admission.webhook.DecisionPublisher;
import dev.custos.events.admission.AdmittedWorkloadRevoked;
import dev.custos.events.image.ImageReference;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Records the workloads admitted on attestations, and queues an {@code admission.revoked} event for
 * each of them when the cache reports that an attestor no longer verifies one of their images.
 */
@ApplicationScoped
public class RevocationReporter {
  private final AdmissionLedger ledger;
  private final VerifiedDigestCache cache;
  private final DecisionPublisher publisher;
  private final MeterRegistry registry;
  private final List<Meter> meters = new ArrayList<>();

  RevocationReporter(
      AdmissionConfig config,
      VerifiedDigestCache cache,
      DecisionPublisher publisher,
      MeterRegistry registry) {
    this.ledger = new AdmissionLedger(config.admissionRecordMaxEntries());
    this.cache = cache;
    this.publisher = publisher;
    this.registry = registry;
    meters.add(
        Gauge.builder("custos.admission.admissions.recorded", ledger, AdmissionLedger::size)
            .description("Workloads admitted on attestations and kept for admission.revoked")
            .register(registry));
    meters.add(
        Gauge.builder("custos.admission.admissions.evicted", ledger, AdmissionLedger::evictions)
            .description("Admission records evicted because the maximum was reached")
            .register(registry));
  }

  void onStart(@Observes StartupEvent event) {
    cache.setLossListener(this::report);
  }

  void onStop(@Observes ShutdownEvent event) {
    // A registry can outlive the application (Quarkus tests restart it in one JVM).
    meters.forEach(registry::remove);
  }

  /**
   * Records {@code decision} when the policy admitted the request on attestations, so that losing
   * them can be reported.
   */
  public void record(AdmissionRequest request, AdmissionDecision decision, CacheSnapshot snapshot) {
    if (snapshot != null) {
      record(request, decision, snapshot.policy().policy(), snapshot);
    }
  }

  /**
   * Records {@code decision} as {@link #record(AdmissionRequest, AdmissionDecision, CacheSnapshot)}
   * does, with the attestors that {@code attestations} returned when it was decided.
   */
  public void record(
      AdmissionRequest request,
      AdmissionDecision decision,
      Policy policy,
      VerifiedAttestations attestations) {
    if (isBlank(request.namespace()) || isBlank(request.workloadName())) {
      // NOTE: a Pod created with generateName has no name yet, so it is not recorded.
      return;
    }
    List<AdmittedImage> images = attestedImages(request, decision, policy, attestations);
    ledger.record(
        request.namespace(), request.kind().kind(), request.workloadName(), request.uid(), images);
  }

  /**
   * Returns the images that attestations admitted in {@code decision}, each with the required
   * attestors that verified it. Denials, dry runs, exempt namespaces, breakglass, {@code
   * ALWAYS_ALLOW} rules and allow-listed images give none.
   */
  public static List<AdmittedImage> attestedImages(
      AdmissionRequest request,
      AdmissionDecision decision,
      Policy policy,
      VerifiedAttestations attestations) {
    if (!decision.allowed()
        || decision.dryRun()
        || decision.reason() != DecisionReason.POLICY_ALLOWED) {
      return List.of();
    }
    Rule rule = policy.ruleFor(request.namespace());
    if (rule.evaluationMode() != EvaluationMode.REQUIRE_ATTESTATION) {
      return List.of();
    }
    List<AdmittedImage> images = new ArrayList<>();
    for (ImageVerdict verdict : decision.images()) {
      AdmittedImage image = attested(verdict, policy, rule, attestations);
      if (image != null) {
        images.add(image);
      }
    }
    return images;
  }

  /** Returns the image with the required attestors that verified it, or null when none did. */
  private static AdmittedImage attested(
      ImageVerdict verdict, Policy policy, Rule rule, VerifiedAttestations attestations) {
    ImageReference reference = verdict.reference();
    if (verdict.denied() || reference == null || !reference.hasDigest()) {
      return null;
    }
    if (policy.findAllowPattern(reference, rule).isPresent()) {
      return null;
    }
    ImageReference byDigest =
        new ImageReference(reference.registry(), reference.repository(), null, reference.digest());
    Set<String> attestors = new TreeSet<>(attestations.attestorsFor(byDigest));
    attestors.retainAll(rule.requiredAttestors());
    if (attestors.isEmpty()) {
      return null;
    }
    return new AdmittedImage(CacheSnapshot.key(byDigest), reference.digest().toString(), attestors);
  }

  private void report(List<LostAttestation> lost) {
    for (LostAttestation loss : lost) {
      for (AdmittedWorkloadRevoked event : ledger.revoke(loss)) {
        publisher.offerRevoked(event);
      }
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
