package dev.custos.signer;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Validates the signer service's settings at startup and logs their effective values. */
@ApplicationScoped
public class StartupSettingsCheck {
  private static final Logger log = LoggerFactory.getLogger(StartupSettingsCheck.class);

  private final SignerConfig config;
  private final String serviceName;
  private final String serviceVersion;

  StartupSettingsCheck(
      SignerConfig config,
      @ConfigProperty(name = "quarkus.application.name") String serviceName,
      @ConfigProperty(name = "quarkus.application.version") String serviceVersion) {
    this.config = config;
    this.serviceName = serviceName;
    this.serviceVersion = serviceVersion;
  }

  void onStart(@Observes StartupEvent event) {
    validate(config);

    log.atInfo()
        .addKeyValue(LogKeys.SERVICE, serviceName)
        .addKeyValue(LogKeys.VERSION, serviceVersion)
        .addKeyValue(LogKeys.MAX_WEBHOOK_BODY_BYTES, config.maxWebhookBodyBytes())
        .addKeyValue(LogKeys.PUBLISH_TIMEOUT_MS, config.publishTimeout().toMillis())
        .log("Signer service settings loaded");
  }

  /**
   * Throws {@link IllegalStateException}, which stops the startup, when the body limit or the
   * publish timeout is not positive.
   */
  static void validate(SignerConfig config) {
    if (config.maxWebhookBodyBytes() < 1) {
      throw new IllegalStateException(
          "custos.signer.max-webhook-body-bytes must be at least 1, but is "
              + config.maxWebhookBodyBytes());
    }
    Duration timeout = config.publishTimeout();
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalStateException(
          "custos.signer.publish-timeout must be positive, but is " + timeout);
    }
  }
}
