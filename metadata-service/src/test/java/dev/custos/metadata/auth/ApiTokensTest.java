package dev.custos.metadata.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.metadata.MetadataConfig;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiTokensTest {
  /** SHA-256 of "custos-dev-token". */
  private static final String DEV_TOKEN_HASH =
      "604f347b5e5b0cc6c9bd0abca5c2b9548486cdc63237ad62babf85866a4614e9";

  private static ApiTokens tokens(Set<String> hashes) {
    return new ApiTokens(new Settings(Optional.of(hashes)));
  }

  @Test
  void configuredTokenIsAccepted() {
    assertThat(tokens(Set.of(DEV_TOKEN_HASH)).accepts("custos-dev-token")).isTrue();
  }

  @Test
  void otherTokenIsRejected() {
    assertThat(tokens(Set.of(DEV_TOKEN_HASH)).accepts("custos-dev-token2")).isFalse();
  }

  @Test
  void uppercaseHashIsAccepted() {
    assertThat(tokens(Set.of(DEV_TOKEN_HASH.toUpperCase())).accepts("custos-dev-token")).isTrue();
  }

  @Test
  void noConfiguredTokenRejectsAll() {
    ApiTokens none = new ApiTokens(new Settings(Optional.empty()));

    assertThat(none.count()).isZero();
    assertThat(none.accepts("custos-dev-token")).isFalse();
    assertThat(none.accepts("")).isFalse();
  }

  @Test
  void plaintextTokenInConfigFailsStartup() {
    assertThatThrownBy(() -> tokens(Set.of("custos-dev-token")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("custos.metadata.tokens")
        .hasMessageNotContaining("custos-dev-token");
  }

  private record Settings(Optional<Set<String>> tokens) implements MetadataConfig {
    @Override
    public int pageSizeDefault() {
      return 100;
    }

    @Override
    public int pageSizeMax() {
      return 1000;
    }

    @Override
    public Optional<String> pageTokenKey() {
      return Optional.empty();
    }

    @Override
    public Outbox outbox() {
      throw new UnsupportedOperationException("not used by these tests");
    }
  }
}
