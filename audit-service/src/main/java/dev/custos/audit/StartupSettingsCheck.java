package dev.custos.audit;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Validates the audit service's settings at startup and logs their effective values. */
@ApplicationScoped
public class StartupSettingsCheck {
  private static final Logger log = LoggerFactory.getLogger(StartupSettingsCheck.class);

  private final AuditConfig config;
  private final String serviceName;
  private final String serviceVersion;

  StartupSettingsCheck(
      AuditConfig config,
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
        .addKeyValue(LogKeys.LOG_ORIGIN, config.logOrigin())
        .addKeyValue(LogKeys.CHECKPOINT_INTERVAL_MS, config.checkpointInterval().toMillis())
        .log("Audit service settings loaded");
  }

  /**
   * Throws {@link IllegalStateException}, which stops the startup, when the origin is not a valid
   * signed-note name, a duration or count is not positive, the consumer group id is blank, or the
   * maximum retry backoff is below the first one.
   *
   * <p>C2SP signed-note requires a key name to be non-empty and free of Unicode spaces and {@code
   * +}, and tlog-checkpoint recommends the same for the origin, which a log usually also uses as
   * its key name. Control characters are rejected too, because a signed note must not contain those
   * below U+0020 except the newline, which would end the origin line.
   */
  static void validate(AuditConfig config) {
    String origin = config.logOrigin();
    if (origin.isEmpty() || origin.indexOf('+') >= 0 || containsSpaceOrControl(origin)) {
      throw new IllegalStateException(
          "custos.audit.log-origin must be non-empty, without spaces, control characters or '+',"
              + " but is '"
              + origin
              + "'");
    }
    requirePositive(config.checkpointInterval(), "custos.audit.checkpoint-interval");
    validate(config.ingest());
    validate(config.outbox());
  }

  private static void validate(AuditConfig.Ingest ingest) {
    if (ingest.groupId().isBlank()) {
      throw new IllegalStateException("custos.audit.ingest.group-id must not be blank");
    }
    requirePositive(ingest.maxPollRecords(), "custos.audit.ingest.max-poll-records");
    requirePositive(ingest.retryBackoff(), "custos.audit.ingest.retry-backoff");
    if (ingest.maxRetryBackoff().compareTo(ingest.retryBackoff()) < 0) {
      throw new IllegalStateException(
          "custos.audit.ingest.max-retry-backoff must be at least custos.audit.ingest.retry-backoff ("
              + ingest.retryBackoff()
              + "), but is "
              + ingest.maxRetryBackoff());
    }
  }

  private static void validate(AuditConfig.Outbox outbox) {
    requirePositive(outbox.batchSize(), "custos.audit.outbox.batch-size");
    requirePositive(outbox.pollInterval(), "custos.audit.outbox.poll-interval");
    requirePositive(outbox.publishTimeout(), "custos.audit.outbox.publish-timeout");
  }

  private static void requirePositive(Duration value, String property) {
    if (value.isZero() || value.isNegative()) {
      throw new IllegalStateException(property + " must be positive, but is " + value);
    }
  }

  private static void requirePositive(int value, String property) {
    if (value <= 0) {
      throw new IllegalStateException(property + " must be positive, but is " + value);
    }
  }

  private static boolean containsSpaceOrControl(String text) {
    return text.codePoints()
        .anyMatch(
            c ->
                Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c));
  }
}
