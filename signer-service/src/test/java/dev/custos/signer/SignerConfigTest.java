package dev.custos.signer;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SignerConfigTest {

  @Test
  void defaultsApplyWithoutProperties() {
    SignerConfig config = map(new SmallRyeConfigBuilder());

    assertThat(config.maxWebhookBodyBytes()).isEqualTo(1024 * 1024);
    assertThat(config.publishTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void propertiesOverrideDefaults() {
    SmallRyeConfigBuilder builder =
        new SmallRyeConfigBuilder()
            .withDefaultValue("custos.signer.max-webhook-body-bytes", "65536")
            .withDefaultValue("custos.signer.publish-timeout", "750ms");

    SignerConfig config = map(builder);

    assertThat(config.maxWebhookBodyBytes()).isEqualTo(65536);
    assertThat(config.publishTimeout()).isEqualTo(Duration.ofMillis(750));
  }

  /** Maps with the duration converter that Quarkus registers, which accepts {@code 5s}. */
  private static SignerConfig map(SmallRyeConfigBuilder builder) {
    return builder
        .withConverter(Duration.class, 200, new DurationConverter())
        .withMapping(SignerConfig.class)
        .build()
        .getConfigMapping(SignerConfig.class);
  }
}
