package dev.custos.admission;

import dev.custos.admission.fallback.MetadataFallback;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Validates the admission service's settings at startup and logs their effective values. */
@ApplicationScoped
public class StartupSettingsCheck {
  private static final Logger log = LoggerFactory.getLogger(StartupSettingsCheck.class);

  private final AdmissionConfig config;
  private final String serviceName;
  private final String serviceVersion;

  StartupSettingsCheck(
      AdmissionConfig config,
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
        .addKeyValue(LogKeys.DECISION_DEADLINE_MS, config.decisionDeadline().toMillis())
        .addKeyValue(LogKeys.POLICY_FILE, config.policyFile())
        .addKeyValue(LogKeys.NAMESPACE, config.namespace())
        .log("Admission service settings loaded");
  }

  /**
   * Throws {@link IllegalStateException}, which stops the startup, when the deadline or the policy
   * reload interval is not positive, or the decision queue capacity or the admission record maximum
   * is below 1, or a metadata-service setting is invalid. A missing policy file does not stop the
   * startup: the service stays not ready and denies every request.
   */
  static void validate(AdmissionConfig config) {
    requirePositive("custos.admission.decision-deadline", config.decisionDeadline());
    requirePositive("custos.admission.policy-reload-interval", config.policyReloadInterval());
    requirePositive("custos.admission.tls-reload-interval", config.tlsReloadInterval());
    if (config.decisionQueueCapacity() < 1) {
      throw new IllegalStateException(
          "custos.admission.decision-queue-capacity must be at least 1, but is "
              + config.decisionQueueCapacity());
    }
    if (config.admissionRecordMaxEntries() < 1) {
      throw new IllegalStateException(
          "custos.admission.admission-record-max-entries must be at least 1, but is "
              + config.admissionRecordMaxEntries());
    }
    if (config.metadata().url().isPresent()) {
      MetadataFallback.validate(config.metadata());
    }
  }

  private static void requirePositive(String property, Duration value) {
    if (value.isZero() || value.isNegative()) {
      throw new IllegalStateException(property + " must be positive, but is " + value);
    }
  }
}
