package dev.custos.admission.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ClearSignedMessageTest {
  private static final String SIGNATURE =
      "-----BEGIN PGP SIGNATURE-----\n\niQ==\n-----END PGP SIGNATURE-----\n";

  @Test
  void textIsCanonicalised() {
    String message =
        "-----BEGIN PGP SIGNED MESSAGE-----\r\nHash: SHA512\r\n\r\n"
            + "first  \t\r\n- -dashed\r\nlast\r\n"
            + SIGNATURE;

    ClearSignedMessage parsed = ClearSignedMessage.parse(message);

    assertThat(parsed.text()).isEqualTo("first\n-dashed\nlast");
    assertThat(parsed.signedBytes())
        .isEqualTo("first\r\n-dashed\r\nlast".getBytes(StandardCharsets.UTF_8));
    assertThat(parsed.signatureArmor()).startsWith("-----BEGIN PGP SIGNATURE-----");
  }

  static Stream<Arguments> malformedMessages() {
    String header = "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n";
    return Stream.of(
        Arguments.of(header + "\ntext\n", "has no -----BEGIN PGP SIGNATURE-----"),
        Arguments.of(header.strip(), "blank line after the armor headers"),
        Arguments.of(
            "-----BEGIN PGP SIGNED MESSAGE-----\nnot a header\n\ntext\n" + SIGNATURE,
            "not a \"Name: value\" header"),
        Arguments.of(header + "\n-unescaped\n" + SIGNATURE, "without the dash escape"),
        Arguments.of("text\n" + SIGNATURE, "does not start with"));
  }

  @ParameterizedTest
  @MethodSource("malformedMessages")
  void malformedMessageRejected(String message, String expected) {
    assertThatThrownBy(() -> ClearSignedMessage.parse(message))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"digest\\n | digest", "digest \\r\\n | digest", "a\\nb\\n\\n | a\\nb\\n", "x | x"})
  void canonicalTextDropsFinalNewline(String text, String expected) {
    String input = text.replace("\\r", "\r").replace("\\n", "\n");

    assertThat(ClearSignedMessage.canonicalText(input)).isEqualTo(expected.replace("\\n", "\n"));
  }
}
