package dev.custos.metadata.health;

import dev.custos.metadata.MetadataConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check named {@value #NAME} that reports the service's name, version and page-size
 * settings.
 *
 * <p>It is always UP while the service responds, because Quarkus does not start when the {@code
 * custos.metadata} settings cannot be mapped or fail validation. The database is covered by
 * Quarkus's own reactive PostgreSQL readiness check, which reports DOWN while it is unreachable.
 */
@Readiness
@ApplicationScoped
public class ConfigurationReadinessCheck implements HealthCheck {
  public static final String NAME = "configuration";

  private final MetadataConfig config;
  private final String serviceName;
  private final String serviceVersion;

  ConfigurationReadinessCheck(
      MetadataConfig config,
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
        .withData("pageSizeDefault", config.pageSizeDefault())
        .withData("pageSizeMax", config.pageSizeMax())
        .build();
  }
}
