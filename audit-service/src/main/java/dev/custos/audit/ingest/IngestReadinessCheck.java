package dev.custos.audit.ingest;

import dev.custos.audit.AuditConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check named {@value #NAME}: DOWN when the ingest is enabled and its consumer thread has
 * ended, which an unexpected error does. It does not check that the broker is reachable, because
 * the consumer waits and retries while it is not.
 */
@Readiness
@ApplicationScoped
public class IngestReadinessCheck implements HealthCheck {
  public static final String NAME = "ingest";

  private final AuditConfig config;
  private final AuditIngest ingest;

  IngestReadinessCheck(AuditConfig config, AuditIngest ingest) {
    this.config = config;
    this.ingest = ingest;
  }

  @Override
  public HealthCheckResponse call() {
    boolean enabled = config.ingest().enabled();
    return HealthCheckResponse.named(NAME)
        .status(!enabled || ingest.running())
        .withData("enabled", enabled)
        .withData("groupId", config.ingest().groupId())
        .build();
  }
}
