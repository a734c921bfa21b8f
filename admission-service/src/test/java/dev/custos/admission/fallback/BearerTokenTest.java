package dev.custos.admission.fallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.admission.AdmissionConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BearerTokenTest {
  @TempDir Path folder;

  private record Token(Optional<String> env, Optional<Path> file, Optional<String> value)
      implements AdmissionConfig.Token {}

  @Test
  void noSourceSendsNoToken() {
    BearerToken token =
        BearerToken.from(new Token(Optional.empty(), Optional.empty(), Optional.empty()));

    assertThat(token.get()).isNull();
  }

  @Test
  void valueIsStripped() {
    BearerToken token =
        BearerToken.from(new Token(Optional.empty(), Optional.empty(), Optional.of(" abc\n")));

    assertThat(token.get()).isEqualTo("abc");
  }

  @Test
  void fileIsReadAndReloaded() throws Exception {
    Path file = folder.resolve("token");
    Files.writeString(file, "first\n");
    BearerToken token =
        BearerToken.from(new Token(Optional.empty(), Optional.of(file), Optional.empty()));
    assertThat(token.get()).isEqualTo("first");

    Files.writeString(file, "second\n");
    token.reload();

    assertThat(token.get()).isEqualTo("second");
  }

  @Test
  void emptyFileRejected() throws Exception {
    Path file = folder.resolve("token");
    Files.writeString(file, "\n");

    assertThatThrownBy(
            () ->
                BearerToken.from(new Token(Optional.empty(), Optional.of(file), Optional.empty())))
        .hasMessageContaining("custos.admission.metadata.token.file")
        .hasMessageContaining("is empty");
  }

  @Test
  void unsetVariableRejected() {
    assertThatThrownBy(
            () ->
                BearerToken.from(
                    new Token(
                        Optional.of("CUSTOS_TEST_UNSET_TOKEN_VARIABLE"),
                        Optional.empty(),
                        Optional.empty())))
        .hasMessageContaining("CUSTOS_TEST_UNSET_TOKEN_VARIABLE")
        .hasMessageContaining("unset or empty");
  }

  @Test
  void twoSourcesRejected() {
    assertThatThrownBy(
            () ->
                BearerToken.from(
                    new Token(Optional.of("TOKEN"), Optional.empty(), Optional.of("abc"))))
        .hasMessageContaining("custos.admission.metadata.token.env")
        .hasMessageContaining("custos.admission.metadata.token.value");
  }
}
