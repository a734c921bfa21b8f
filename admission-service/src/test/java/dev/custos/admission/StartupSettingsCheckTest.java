package dev.custos.admission;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StartupSettingsCheckTest {
  private static final Path POLICY_FILE = Path.of("/etc/custos/policy.yaml");

  @Test
  void acceptsPositiveDeadline() {
    AdmissionConfig config = new Settings(Duration.ofMillis(1), POLICY_FILE);

    assertThatCode(() -> StartupSettingsCheck.validate(config)).doesNotThrowAnyException();
  }

  @Test
  void rejectsZeroDeadline() {
    AdmissionConfig config = new Settings(Duration.ZERO, POLICY_FILE);

    assertThatThrownBy(() -> StartupSettingsCheck.validate(config))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("custos.admission.decision-deadline");
  }

  @Test
  void rejectsNegativeDeadline() {
    AdmissionConfig config = new Settings(Duration.ofSeconds(-1), POLICY_FILE);

    assertThatThrownBy(() -> StartupSettingsCheck.validate(config))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("PT-1S");
  }

  @Test
  void rejectsZeroReloadInterval() {
    AdmissionConfig config =
        new Settings(Duration.ofSeconds(2), POLICY_FILE, Duration.ZERO, "custos", 10, 100_000);

    assertThatThrownBy(() -> StartupSettingsCheck.validate(config))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("custos.admission.policy-reload-interval");
  }

  @Test
  void rejectsZeroQueueCapacity() {
    AdmissionConfig config =
        new Settings(
            Duration.ofSeconds(2), POLICY_FILE, Duration.ofSeconds(2), "custos", 0, 100_000);

    assertThatThrownBy(() -> StartupSettingsCheck.validate(config))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("custos.admission.decision-queue-capacity");
  }

  private record Settings(
      Duration decisionDeadline,
      Path policyFile,
      Duration policyReloadInterval,
      String namespace,
      int decisionQueueCapacity,
      int admissionRecordMaxEntries)
      implements AdmissionConfig {

    Settings(Duration decisionDeadline, Path policyFile) {
      this(decisionDeadline, policyFile, Duration.ofSeconds(2), "custos", 10_000, 100_000);
    }
  }
}
