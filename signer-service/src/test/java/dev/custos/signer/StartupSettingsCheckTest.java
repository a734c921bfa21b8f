package dev.custos.signer;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StartupSettingsCheckTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @Test
  void acceptsOneByteLimit() {
    SignerConfig config = new Settings(1, TIMEOUT);

    assertThatCode(() -> StartupSettingsCheck.validate(config)).doesNotThrowAnyException();
  }

  @Test
  void rejectsZeroBodyLimit() {
    SignerConfig config = new Settings(0, TIMEOUT);

    assertThatThrownBy(() -> StartupSettingsCheck.validate(config))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("custos.signer.max-webhook-body-bytes");
  }

  @Test
  void rejectsZeroPublishTimeout() {
    SignerConfig config = new Settings(1024, Duration.ZERO);

    assertThatThrownBy(() -> StartupSettingsCheck.validate(config))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("custos.signer.publish-timeout");
  }

  private record Settings(int maxWebhookBodyBytes, Duration publishTimeout)
      implements SignerConfig {
    @Override
    public Map<String, Registry> registries() {
      return Map.of();
    }

    @Override
    public List<Workflow> workflows() {
      return List.of();
    }

    // The checks under test read none of the settings below.
    @Override
    public Metadata metadata() {
      throw new UnsupportedOperationException("not read by validate");
    }

    @Override
    public Map<String, Key> keys() {
      return Map.of();
    }

    @Override
    public Runner runner() {
      throw new UnsupportedOperationException("not read by validate");
    }

    @Override
    public SignApi signApi() {
      throw new UnsupportedOperationException("not read by validate");
    }
  }
}
