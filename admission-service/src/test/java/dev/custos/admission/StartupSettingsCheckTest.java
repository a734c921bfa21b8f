package dev.custos.admission;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
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

  @Test
  void acceptsMetadataUrl() {
    AdmissionConfig config = withMetadata(MetadataSettings.of("https://custos-metadata:8081/api"));

    assertThatCode(() -> StartupSettingsCheck.validate(config)).doesNotThrowAnyException();
  }

  @Test
  void rejectsMetadataUrlWithoutHttp() {
    AdmissionConfig config = withMetadata(MetadataSettings.of("ftp://custos-metadata/"));

    assertThatThrownBy(() -> StartupSettingsCheck.validate(config))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("custos.admission.metadata.url")
        .hasMessageContaining("ftp://custos-metadata/");
  }

  @Test
  void rejectsMetadataUrlThatDoesNotParse() {
    AdmissionConfig config = withMetadata(MetadataSettings.of("http://bad host/"));

    assertThatThrownBy(() -> StartupSettingsCheck.validate(config))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is not a URL");
  }

  @Test
  void rejectsZeroMetadataTimeout() {
    MetadataSettings metadata =
        new MetadataSettings(
            Optional.of("http://127.0.0.1:8081"),
            NO_TOKEN,
            Duration.ZERO,
            16,
            50,
            Duration.ZERO,
            10);

    assertThatThrownBy(() -> StartupSettingsCheck.validate(withMetadata(metadata)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("custos.admission.metadata.timeout");
  }

  @Test
  void rejectsZeroConcurrentQueries() {
    MetadataSettings metadata =
        new MetadataSettings(
            Optional.of("http://127.0.0.1:8081"),
            NO_TOKEN,
            Duration.ofSeconds(1),
            0,
            50,
            Duration.ZERO,
            10);

    assertThatThrownBy(() -> StartupSettingsCheck.validate(withMetadata(metadata)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("custos.admission.metadata.max-concurrent-queries");
  }

  private static AdmissionConfig withMetadata(MetadataSettings metadata) {
    return new Settings(
        Duration.ofSeconds(2), POLICY_FILE, Duration.ofSeconds(2), "custos", 10, 100_000, metadata);
  }

  private static final AdmissionConfig.Token NO_TOKEN =
      new TokenSettings(Optional.empty(), Optional.empty(), Optional.empty());

  private record TokenSettings(Optional<String> env, Optional<Path> file, Optional<String> value)
      implements AdmissionConfig.Token {}

  private record MetadataSettings(
      Optional<String> url,
      AdmissionConfig.Token token,
      Duration timeout,
      int maxConcurrentQueries,
      int maxQueriesPerSecond,
      Duration negativeCacheTtl,
      int negativeCacheMaxEntries)
      implements AdmissionConfig.Metadata {

    static MetadataSettings of(String url) {
      return new MetadataSettings(
          Optional.ofNullable(url),
          NO_TOKEN,
          Duration.ofSeconds(1),
          16,
          50,
          Duration.ofSeconds(10),
          10);
    }

    @Override
    public Optional<Path> trustCertificateFile() {
      return Optional.empty();
    }
  }

  private record Settings(
      Duration decisionDeadline,
      Path policyFile,
      Duration policyReloadInterval,
      String namespace,
      int decisionQueueCapacity,
      int admissionRecordMaxEntries,
      AdmissionConfig.Metadata metadata)
      implements AdmissionConfig {

    @Override
    public Duration tlsReloadInterval() {
      return Duration.ofSeconds(10);
    }

    Settings(Duration decisionDeadline, Path policyFile) {
      this(decisionDeadline, policyFile, Duration.ofSeconds(2), "custos", 10_000, 100_000);
    }

    Settings(
        Duration decisionDeadline,
        Path policyFile,
        Duration policyReloadInterval,
        String namespace,
        int decisionQueueCapacity,
        int admissionRecordMaxEntries) {
      this(
          decisionDeadline,
          policyFile,
          policyReloadInterval,
          namespace,
          decisionQueueCapacity,
          admissionRecordMaxEntries,
          MetadataSettings.of(null));
    }
  }
}
