package dev.custos.audit.health;

import dev.custos.audit.AuditConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check named {@value #NAME} that reports the service's name, version, log origin and
 * checkpoint interval.
 *
 * <p>It is always UP while the service responds, because Quarkus does not start when the {@code
 * custos.audit} settings cannot be mapped or fail validation.
 */
// NOTE: IngestReadinessCheck and Agroal cover the consumer thread and PostgreSQL; nothing checks
// that the Kafka broker is reachable.
@Readiness
@ApplicationScoped
public class ConfigurationReadinessCheck implements HealthCheck {
  public static final String NAME = "configuration";

  private final AuditConfig config;
  private final String serviceName;
  private final String serviceVersion;

  ConfigurationReadinessCheck(
      AuditConfig config,
      @ConfigProperty(name = "quarkus.application.name") String serviceName,
      @ConfigProperty(name = "quarkus.application.version") String serviceVersion) {
    this.config = config;
    this.serviceName = serviceName;
    this.serviceVersion = serviceVersion;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named(NAME)
        .up()
        .withData("service", serviceName)
        .withData("version", serviceVersion)
        .withData("logOrigin", config.logOrigin())
        .withData("checkpointIntervalMs", config.checkpointInterval().toMillis())
        .build();
  }
}
