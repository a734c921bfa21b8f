package dev.custos.metadata;

import dev.custos.metadata.auth.Principals;
import dev.custos.metadata.storage.PageTokens;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Validates the metadata service's settings at startup and logs their effective values. */
@ApplicationScoped
public class StartupSettingsCheck {
  /** Kafka producer's default {@code max.request.size} (Kafka clients 3.x and 4.x). */
  static final int KAFKA_MAX_REQUEST_SIZE = 1048576;

  private static final Logger log = LoggerFactory.getLogger(StartupSettingsCheck.class);

  private final MetadataConfig config;
  private final Principals principals;
  private final String serviceName;
  private final String serviceVersion;
  private final Optional<Integer> maxRequestSize;

  StartupSettingsCheck(
      MetadataConfig config,
      Principals principals,
      @ConfigProperty(name = "quarkus.application.name") String serviceName,
      @ConfigProperty(name = "quarkus.application.version") String serviceVersion,
      @ConfigProperty(name = "kafka.max.request.size") Optional<Integer> maxRequestSize) {
    this.config = config;
    this.principals = principals;
    this.serviceName = serviceName;
    this.serviceVersion = serviceVersion;
    this.maxRequestSize = maxRequestSize;
  }

  void onStart(@Observes StartupEvent event) {
    validate(config);
    validateEventSize(config.maxOccurrenceBytes(), maxRequestSize.orElse(KAFKA_MAX_REQUEST_SIZE));

    log.atInfo()
        .addKeyValue(LogKeys.SERVICE, serviceName)
        .addKeyValue(LogKeys.VERSION, serviceVersion)
        .addKeyValue(LogKeys.PAGE_SIZE_DEFAULT, config.pageSizeDefault())
        .addKeyValue(LogKeys.PAGE_SIZE_MAX, config.pageSizeMax())
        .addKeyValue(LogKeys.PRINCIPAL_COUNT, principals.count())
        .addKeyValue(LogKeys.PAGE_TOKEN_KEY_SET, config.pageTokenKey().isPresent())
        .addKeyValue(LogKeys.RELAY_ENABLED, config.outbox().enabled())
        .addKeyValue(LogKeys.POLL_INTERVAL_MS, config.outbox().pollIntervalMs())
        .addKeyValue(LogKeys.BATCH_SIZE, config.outbox().batchSize())
        .addKeyValue(LogKeys.RETRY_BACKOFF_MS, config.outbox().retryBackoffMs())
        .addKeyValue(LogKeys.MAX_OCCURRENCE_BYTES, config.maxOccurrenceBytes())
        .log("Metadata service settings loaded");
    if (config.pageTokenKey().isEmpty()) {
      log.atWarn()
          .log(
              "No custos.metadata.page-token-key configured, so page tokens are signed with a"
                  + " random key and are rejected after a restart and by other replicas");
    }
    if (principals.count() == 0) {
      log.atWarn()
          .log(
              "No principal configured in custos.metadata.principals, so every REST and gRPC API"
                  + " call gets UNAUTHENTICATED");
    }
  }

  /**
   * Throws {@link IllegalStateException}, which stops the startup, when a page size is not positive
   * or the default page size exceeds the maximum, when the page token key is not base64 of at least
   * 32 bytes, or when an outbox setting is out of range.
   */
  static void validate(MetadataConfig config) {
    if (config.pageSizeMax() < 1) {
      throw new IllegalStateException(
          "custos.metadata.page-size-max must be at least 1, but is " + config.pageSizeMax());
    }
    if (config.pageSizeDefault() < 1 || config.pageSizeDefault() > config.pageSizeMax()) {
      throw new IllegalStateException(
          "custos.metadata.page-size-default must be between 1 and custos.metadata.page-size-max ("
              + config.pageSizeMax()
              + "), but is "
              + config.pageSizeDefault());
    }
    config.pageTokenKey().ifPresent(PageTokens::decodeKey);
    validateOutbox(config.outbox());
  }

  /**
   * Throws {@link IllegalStateException} when {@code custos.metadata.max-occurrence-bytes} is not
   * positive, or leaves less than {@link MetadataConfig#RECORD_OVERHEAD_BYTES} below the producer's
   * {@code max.request.size}, since the relay could then accept an event that Kafka rejects.
   */
  static void validateEventSize(int maxOccurrenceBytes, int maxRequestSize) {
    requireAtLeastOne("custos.metadata.max-occurrence-bytes", maxOccurrenceBytes);
    long limit = (long) maxRequestSize - MetadataConfig.RECORD_OVERHEAD_BYTES;
    if (maxOccurrenceBytes > limit) {
      throw new IllegalStateException(
          "custos.metadata.max-occurrence-bytes ("
              + maxOccurrenceBytes
              + ") must be at most kafka.max.request.size ("
              + maxRequestSize
              + ") minus "
              + MetadataConfig.RECORD_OVERHEAD_BYTES
              + " bytes for the key and headers, so at most "
              + limit
              + ". Lower it or raise kafka.max.request.size and the broker's message.max.bytes");
    }
  }

  private static void validateOutbox(MetadataConfig.Outbox outbox) {
    requireAtLeastOne("custos.metadata.outbox.poll-interval-ms", outbox.pollIntervalMs());
    requireAtLeastOne("custos.metadata.outbox.batch-size", outbox.batchSize());
    requireAtLeastOne("custos.metadata.outbox.retry-backoff-ms", outbox.retryBackoffMs());
    requireAtLeastOne("custos.metadata.outbox.publish-timeout-ms", outbox.publishTimeoutMs());
    if (outbox.retryBackoffMaxMs() < outbox.retryBackoffMs()) {
      throw new IllegalStateException(
          "custos.metadata.outbox.retry-backoff-max-ms must be at least"
              + " custos.metadata.outbox.retry-backoff-ms ("
              + outbox.retryBackoffMs()
              + "), but is "
              + outbox.retryBackoffMaxMs());
    }
  }

  private static void requireAtLeastOne(String property, long value) {
    if (value < 1) {
      throw new IllegalStateException(property + " must be at least 1, but is " + value);
    }
  }
}
