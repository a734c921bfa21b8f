package dev.custos.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.List;
import java.util.Map;
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

  @Test
  void principalsAreEmptyByDefault() {
    assertThat(map(new SmallRyeConfigBuilder()).principals()).isEmpty();
  }

  @Test
  void principalsMapFromProperties() {
    SmallRyeConfigBuilder builder =
        new SmallRyeConfigBuilder()
            .withDefaultValue("custos.metadata.principals.ci.token-sha256", "aa,bb")
            .withDefaultValue("custos.metadata.principals.ci.grants", "writer@team-a,reader@*");

    MetadataConfig.PrincipalSettings ci = map(builder).principals().get("ci");

    assertThat(ci.tokenSha256()).containsExactly("aa", "bb");
    assertThat(ci.grants()).contains(List.of("writer@team-a", "reader@*"));
  }

  @Test
  void principalsMapFromEnvironmentVariables() {
    SmallRyeConfigBuilder builder =
        new SmallRyeConfigBuilder()
            .withSources(
                new EnvConfigSource(
                    Map.of(
                        "CUSTOS_METADATA_PRINCIPALS_SCANNER_TOKEN_SHA256", "cc",
                        "CUSTOS_METADATA_PRINCIPALS_SCANNER_GRANTS", "attacher@shared"),
                    300));

    MetadataConfig.PrincipalSettings scanner = map(builder).principals().get("scanner");

    assertThat(scanner.tokenSha256()).containsExactly("cc");
    assertThat(scanner.grants()).contains(List.of("attacher@shared"));
  }

  private static MetadataConfig map(SmallRyeConfigBuilder builder) {
    return builder.withMapping(MetadataConfig.class).build().getConfigMapping(MetadataConfig.class);
  }
}
