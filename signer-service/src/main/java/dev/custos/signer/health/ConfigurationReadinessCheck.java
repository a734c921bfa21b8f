package dev.custos.signer.health;

import dev.custos.signer.SignerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check named {@value #NAME} that reports the service's name, version, webhook body limit
 * and publish timeout.
 *
 * <p>It is always UP while the service responds, because Quarkus does not start when the {@code
 * custos.signer} settings cannot be mapped or fail validation.
 */
// NOTE: Kafka is covered by SmallRye's channel checks and the runner by
// WorkflowRunnerReadinessCheck,
// but no check calls the metadata service.
@Readiness
@ApplicationScoped
public class ConfigurationReadinessCheck implements HealthCheck {
  public static final String NAME = "configuration";

  private final SignerConfig config;
  private final String serviceName;
  private final String serviceVersion;

  ConfigurationReadinessCheck(
      SignerConfig config,
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
        .withData("maxWebhookBodyBytes", config.maxWebhookBodyBytes())
        .withData("publishTimeoutMs", config.publishTimeout().toMillis())
        .build();
  }
}
