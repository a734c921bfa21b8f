package dev.custos.admission.health;

import dev.custos.admission.AdmissionConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check named {@value #NAME} that reports the service's name, version, decision deadline
 * and policy file path.
 *
 * <p>It is always UP while the service responds, because Quarkus does not start when the {@code
 * custos.admission} settings cannot be mapped or fail validation. {@link AdmissionReadinessCheck}
 * covers the policy and the cache.
 */
@Readiness
@ApplicationScoped
public class ConfigurationReadinessCheck implements HealthCheck {
  public static final String NAME = "configuration";

  private final AdmissionConfig config;
  private final String serviceName;
  private final String serviceVersion;

  ConfigurationReadinessCheck(
      AdmissionConfig config,
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
        .withData("decisionDeadlineMs", config.decisionDeadline().toMillis())
        .withData("policyFile", config.policyFile().toString())
        .withData("metadataUrl", config.metadata().url().orElse("none"))
        .build();
  }
}
