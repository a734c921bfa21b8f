package dev.custos.admission.health;

import dev.custos.admission.cache.AttestationConsumer;
import dev.custos.admission.cache.CacheSnapshot;
import dev.custos.admission.cache.VerifiedDigestCache;
import dev.custos.admission.policy.PolicyLoader;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check named {@value #NAME}: UP once a valid policy is loaded and the attestation
 * consumer has read up to the end offsets it saw at start. Until then the webhook would deny images
 * whose attestations it has not read yet, so Kubernetes should send it no traffic.
 */
@Readiness
@ApplicationScoped
public class AdmissionReadinessCheck implements HealthCheck {
  public static final String NAME = "admission";

  private final PolicyLoader policyLoader;
  private final VerifiedDigestCache cache;
  private final AttestationConsumer consumer;

  AdmissionReadinessCheck(
      PolicyLoader policyLoader, VerifiedDigestCache cache, AttestationConsumer consumer) {
    this.policyLoader = policyLoader;
    this.cache = cache;
    this.consumer = consumer;
  }

  @Override
  public HealthCheckResponse call() {
    CacheSnapshot snapshot = cache.snapshot();
    boolean policyLoaded = snapshot != null;
    boolean caughtUp = consumer.caughtUp();

    HealthCheckResponseBuilder response =
        HealthCheckResponse.named(NAME)
            .status(policyLoaded && caughtUp)
            .withData("policyLoaded", policyLoaded)
            .withData("cacheCaughtUp", caughtUp)
            .withData("consumer", consumer.state())
            .withData("topic", consumer.topic())
            .withData("verifiedDigests", cache.digestCount())
            .withData("occurrences", cache.occurrenceCount());
    if (policyLoaded) {
      response.withData("policyRevision", snapshot.policy().revision());
    } else {
      String problem = policyLoader.problem();
      response.withData("policyProblem", problem == null ? "the policy is being loaded" : problem);
    }
    return response.build();
  }
}
