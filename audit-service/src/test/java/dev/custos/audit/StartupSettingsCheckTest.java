package dev.custos.audit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StartupSettingsCheckTest {
  private static final Duration INTERVAL = Duration.ofSeconds(5);

  @Test
  void acceptsSchemalessUrlOrigin() {
    AuditConfig config = new Settings("audit.example.com/prod", INTERVAL);

    assertThatCode(() -> StartupSettingsCheck.validate(config)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "audit log",
        "audit\tlog",
        "audit\u00a0log",
        "audit\u0085log",
        "audit\u0000log",
        "audit+log"
      })
  void rejectsInvalidOrigin(String origin) {
    AuditConfig config = new Settings(origin, INTERVAL);

    assertThatThrownBy(() -> StartupSettingsCheck.validate(config))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("custos.audit.log-origin");
  }

  @Test
  void rejectsZeroCheckpointInterval() {
    AuditConfig config = new Settings("audit.example.com/prod", Duration.ZERO);

    assertThatThrownBy(() -> StartupSettingsCheck.validate(config))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("custos.audit.checkpoint-interval");
  }

  @Test
  void rejectsZeroOutboxBatchSize() {
    AuditConfig config =
        new Settings(
            "audit.example.com/prod",
            INTERVAL,
            IngestSettings.DEFAULTS,
            new OutboxSettings(true, 0, INTERVAL, INTERVAL));

    assertThatThrownBy(() -> StartupSettingsCheck.validate(config))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("custos.audit.outbox.batch-size");
  }

  @Test
  void rejectsBackoffBelowItsStart() {
    IngestSettings ingest =
        new IngestSettings(true, "custos-audit", 500, INTERVAL, Duration.ofSeconds(1));
    AuditConfig config =
        new Settings("audit.example.com/prod", INTERVAL, ingest, OutboxSettings.DEFAULTS);

    assertThatThrownBy(() -> StartupSettingsCheck.validate(config))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("custos.audit.ingest.max-retry-backoff");
  }

  private record Settings(
      String logOrigin,
      Duration checkpointInterval,
      Optional<Path> signingKeyFile,
      Map<String, Token> tokens,
      Ingest ingest,
      Outbox outbox)
      implements AuditConfig {
    Settings(String logOrigin, Duration checkpointInterval) {
      this(
          logOrigin,
          checkpointInterval,
          Optional.empty(),
          Map.of(),
          IngestSettings.DEFAULTS,
          OutboxSettings.DEFAULTS);
    }

    Settings(String logOrigin, Duration checkpointInterval, Ingest ingest, Outbox outbox) {
      this(logOrigin, checkpointInterval, Optional.empty(), Map.of(), ingest, outbox);
    }
  }

  private record IngestSettings(
      boolean enabled,
      String groupId,
      int maxPollRecords,
      Duration retryBackoff,
      Duration maxRetryBackoff)
      implements AuditConfig.Ingest {
    static final IngestSettings DEFAULTS =
        new IngestSettings(
            true, "custos-audit", 500, Duration.ofMillis(200), Duration.ofSeconds(30));
  }

  private record OutboxSettings(
      boolean enabled, int batchSize, Duration pollInterval, Duration publishTimeout)
      implements AuditConfig.Outbox {
    static final OutboxSettings DEFAULTS =
        new OutboxSettings(true, 500, Duration.ofSeconds(1), Duration.ofSeconds(30));
  }
}
