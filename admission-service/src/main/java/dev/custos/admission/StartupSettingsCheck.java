package dev.custos.admission;

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
        .log("Admission service settings loaded");
  }

  /**
   * Throws {@link IllegalStateException}, which stops the startup, when the deadline is not
   * positive.
   */
  // NOTE: nothing reads the policy file yet, so a missing file passes this validation.
  static void validate(AdmissionConfig config) {
    Duration deadline = config.decisionDeadline();
    if (deadline.isZero() || deadline.isNegative()) {
      throw new IllegalStateException(
          "custos.admission.decision-deadline must be positive, but is " + deadline);
    }
  }
}
