package dev.custos.signer.signapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SignApiTokensTest {
  /** SHA-256 of {@code custos-dev-token}. */
  private static final String DEV_HASH =
      "604f347b5e5b0cc6c9bd0abca5c2b9548486cdc63237ad62babf85866a4614e9";

  @Test
  void hashedTokenAccepted() {
    SignApiTokens tokens = SignApiTokens.fromHashes(List.of(DEV_HASH.toUpperCase()));

    assertThat(tokens.accepts("custos-dev-token")).isTrue();
    assertThat(tokens.accepts("custos-dev-token ")).isFalse();
    assertThat(tokens.accepts("")).isFalse();
  }

  @Test
  void noHashesAcceptNothing() {
    SignApiTokens tokens = SignApiTokens.fromHashes(List.of());

    assertThat(tokens.size()).isZero();
    assertThat(tokens.accepts("custos-dev-token")).isFalse();
  }

  @Test
  void tokenInPlaceOfHashRejected() {
    assertThatThrownBy(() -> SignApiTokens.fromHashes(List.of(DEV_HASH, "custos-dev-token")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("custos.signer.sign-api.tokens[1]")
        .hasMessageContaining("sha256sum")
        .hasMessageNotContaining("custos-dev-token");
  }
}
