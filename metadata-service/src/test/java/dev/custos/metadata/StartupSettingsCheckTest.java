package dev.custos.metadata;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StartupSettingsCheckTest {

  @Test
  void acceptsDefaultEqualToMax() {
    MetadataConfig config = new Settings(1000, 1000);

    assertThatCode(() -> StartupSettingsCheck.validate(config)).doesNotThrowAnyException();
  }

  @Test
  void rejectsDefaultAboveMax() {
    MetadataConfig config = new Settings(2000, 1000);

    assertThatThrownBy(() -> StartupSettingsCheck.validate(config))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("custos.metadata.page-size-default")
        .hasMessageContaining("2000");
  }

  @Test
  void rejectsZeroDefault() {
    MetadataConfig config = new Settings(0, 1000);

    assertThatThrownBy(() -> StartupSettingsCheck.validate(config))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("custos.metadata.page-size-default");
  }

  @Test
  void rejectsZeroMax() {
    MetadataConfig config = new Settings(0, 0);

    assertThatThrownBy(() -> StartupSettingsCheck.validate(config))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("custos.metadata.page-size-max");
  }

  @Test
  void rejectsZeroOutboxBatchSize() {
    MetadataConfig config = new Settings(100, 1000, new OutboxSettings(0, 200, 10_000));

    assertThatThrownBy(() -> StartupSettingsCheck.validate(config))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("custos.metadata.outbox.batch-size");
  }

  @Test
  void rejectsBackoffMaxBelowInitial() {
    MetadataConfig config = new Settings(100, 1000, new OutboxSettings(100, 500, 100));

    assertThatThrownBy(() -> StartupSettingsCheck.validate(config))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("custos.metadata.outbox.retry-backoff-max-ms")
        .hasMessageContaining("500");
  }

  @Test
  void acceptsDefaultEventSizeUnderKafkaDefault() {
    StartupSettingsCheck.validateEventSize(900_000, StartupSettingsCheck.KAFKA_MAX_REQUEST_SIZE);
  }

  @Test
  void rejectsEventSizeAboveRequestSize() {
    assertThatThrownBy(() -> StartupSettingsCheck.validateEventSize(1_048_576, 1_048_576))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("custos.metadata.max-occurrence-bytes (1048576)")
        .hasMessageContaining("kafka.max.request.size (1048576)")
        .hasMessageContaining("at most 1032192");
  }

  @Test
  void rejectsEventSizeWithinOverhead() {
    assertThatThrownBy(() -> StartupSettingsCheck.validateEventSize(500_000, 510_000))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("at most 493616");
  }

  @Test
  void rejectsZeroEventSize() {
    assertThatThrownBy(() -> StartupSettingsCheck.validateEventSize(0, 1_048_576))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("custos.metadata.max-occurrence-bytes must be at least 1");
  }

  private record Settings(int pageSizeDefault, int pageSizeMax, Outbox outbox)
      implements MetadataConfig {
    Settings(int pageSizeDefault, int pageSizeMax) {
      this(pageSizeDefault, pageSizeMax, new OutboxSettings(100, 200, 10_000));
    }

    @Override
    public Map<String, PrincipalSettings> principals() {
      return Map.of();
    }

    @Override
    public Optional<String> pageTokenKey() {
      return Optional.empty();
    }

    @Override
    public int maxOccurrenceBytes() {
      return 900_000;
    }
  }

  private record OutboxSettings(int batchSize, long retryBackoffMs, long retryBackoffMaxMs)
      implements MetadataConfig.Outbox {
    @Override
    public boolean enabled() {
      return true;
    }

    @Override
    public long pollIntervalMs() {
      return 500;
    }

    @Override
    public long publishTimeoutMs() {
      return 10_000;
    }
  }
}
