package dev.custos.audit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
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

  private record Settings(String logOrigin, Duration checkpointInterval) implements AuditConfig {}
}
