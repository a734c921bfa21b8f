package dev.custos.metadata;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Set;
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

  private record Settings(int pageSizeDefault, int pageSizeMax) implements MetadataConfig {
    @Override
    public Optional<Set<String>> tokens() {
      return Optional.empty();
    }
  }
}
