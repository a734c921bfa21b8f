package dev.custos.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AuditConfigTest {

  @Test
  void defaultsApplyWithoutProperties() {
    AuditConfig config = map(new SmallRyeConfigBuilder());

    assertThat(config.logOrigin()).isEqualTo("custos.example/audit");
    assertThat(config.checkpointInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.ingest().groupId()).isEqualTo("custos-audit");
    assertThat(config.ingest().retryBackoff()).isEqualTo(Duration.ofMillis(200));
    assertThat(config.outbox().batchSize()).isEqualTo(500);
    assertThat(config.outbox().pollInterval()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void propertiesOverrideDefaults() {
    SmallRyeConfigBuilder builder =
        new SmallRyeConfigBuilder()
            .withDefaultValue("custos.audit.log-origin", "audit.example.com/prod")
            .withDefaultValue("custos.audit.checkpoint-interval", "1m");

    AuditConfig config = map(builder);

    assertThat(config.logOrigin()).isEqualTo("audit.example.com/prod");
    assertThat(config.checkpointInterval()).isEqualTo(Duration.ofMinutes(1));
  }

  /** Maps with the duration converter that Quarkus registers, which accepts {@code 5s}. */
  private static AuditConfig map(SmallRyeConfigBuilder builder) {
    return builder
        .withConverter(Duration.class, 200, new DurationConverter())
        .withMapping(AuditConfig.class)
        .build()
        .getConfigMapping(AuditConfig.class);
  }
}
