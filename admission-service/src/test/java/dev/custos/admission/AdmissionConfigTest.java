package dev.custos.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.PathConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AdmissionConfigTest {

  @Test
  void defaultsApplyWithoutProperties() {
    AdmissionConfig config = map(new SmallRyeConfigBuilder());

    assertThat(config.decisionDeadline()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.policyFile()).isEqualTo(Path.of("/etc/custos/policy.yaml"));
  }

  @Test
  void propertiesOverrideDefaults() {
    SmallRyeConfigBuilder builder =
        new SmallRyeConfigBuilder()
            .withDefaultValue("custos.admission.decision-deadline", "500ms")
            .withDefaultValue("custos.admission.policy-file", "config/policy.yaml");

    AdmissionConfig config = map(builder);

    assertThat(config.decisionDeadline()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.policyFile()).isEqualTo(Path.of("config/policy.yaml"));
  }

  /** Maps with the converters that Quarkus registers, which accept {@code 2s} as a duration. */
  private static AdmissionConfig map(SmallRyeConfigBuilder builder) {
    return builder
        .withConverter(Duration.class, 200, new DurationConverter())
        .withConverter(Path.class, 200, new PathConverter())
        .withMapping(AdmissionConfig.class)
        .build()
        .getConfigMapping(AdmissionConfig.class);
  }
}
