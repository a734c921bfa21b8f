package dev.custos.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

class MetadataConfigTest {

  @Test
  void defaultsApplyWithoutProperties() {
    MetadataConfig config = map(new SmallRyeConfigBuilder());

    assertThat(config.pageSizeDefault()).isEqualTo(100);
    assertThat(config.pageSizeMax()).isEqualTo(1000);
  }

  @Test
  void outboxDefaultsApply() {
    MetadataConfig.Outbox outbox = map(new SmallRyeConfigBuilder()).outbox();

    assertThat(outbox.enabled()).isTrue();
    assertThat(outbox.pollIntervalMs()).isEqualTo(500);
    assertThat(outbox.batchSize()).isEqualTo(100);
    assertThat(outbox.retryBackoffMs()).isEqualTo(200);
    assertThat(outbox.retryBackoffMaxMs()).isEqualTo(10_000);
    assertThat(outbox.publishTimeoutMs()).isEqualTo(10_000);
  }

  @Test
  void propertiesOverrideDefaults() {
    SmallRyeConfigBuilder builder =
        new SmallRyeConfigBuilder()
            .withDefaultValue("custos.metadata.page-size-default", "20")
            .withDefaultValue("custos.metadata.page-size-max", "50");

    MetadataConfig config = map(builder);

    assertThat(config.pageSizeDefault()).isEqualTo(20);
    assertThat(config.pageSizeMax()).isEqualTo(50);
  }

  private static MetadataConfig map(SmallRyeConfigBuilder builder) {
    return builder.withMapping(MetadataConfig.class).build().getConfigMapping(MetadataConfig.class);
  }
}
