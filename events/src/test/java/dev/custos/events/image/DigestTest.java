package dev.custos.events.image;

import static dev.custos.events.image.ImageReferenceTest.HEX;
import static dev.custos.events.image.ImageReferenceTest.HEX_128;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.events.image.InvalidImageReferenceException.Part;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DigestTest {

  @Test
  void parsesSha256Digest() {
    Digest digest = Digest.parse("sha256:" + HEX);

    assertThat(digest.algorithm()).isEqualTo(Digest.SHA256);
    assertThat(digest.hex()).isEqualTo(HEX);
    assertThat(digest).hasToString("sha256:" + HEX);
  }

  @Test
  void parsesSha512Digest() {
    Digest digest = Digest.parse("sha512:" + HEX_128);

    assertThat(digest.algorithm()).isEqualTo(Digest.SHA512);
    assertThat(digest.hex()).isEqualTo(HEX_128);
    assertThat(digest).hasToString("sha512:" + HEX_128);
  }

  @Test
  void equalDigestsAreEqual() {
    assertThat(Digest.parse("sha256:" + HEX)).isEqualTo(new Digest("sha256", HEX));
    assertThat(Digest.parse("sha256:" + HEX).hashCode())
        .isEqualTo(new Digest("sha256", HEX).hashCode());
  }

  @Test
  void constructorValidatesComponents() {
    assertThatThrownBy(() -> new Digest("sha256", "abc"))
        .isInstanceOfSatisfying(
            InvalidImageReferenceException.class,
            e -> {
              assertThat(e.part()).isEqualTo(Part.DIGEST);
              assertThat(e.value()).isEqualTo("sha256:abc");
              assertThat(e.input()).isEmpty();
            });
    assertThatThrownBy(() -> new Digest(null, HEX))
        .isInstanceOf(InvalidImageReferenceException.class);
    assertThatThrownBy(() -> new Digest("sha256", null))
        .isInstanceOf(InvalidImageReferenceException.class);
  }

  @Test
  void nullDigestIsRejected() {
    assertThatThrownBy(() -> Digest.parse(null))
        .isInstanceOfSatisfying(
            InvalidImageReferenceException.class, e -> assertThat(e.part()).isEqualTo(Part.DIGEST));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''                                   | missing digest",
        "sha256                               | digests have the form <algorithm>:<hex>",
        ":0123                                | missing digest algorithm before \":\"",
        "sha256:                              | missing hex after \"sha256:\"",
        "sha256:abc                           | sha256 digests have 64 hex characters, got 3",
        "sha512:abc                           | sha512 digests have 128 hex characters, got 3",
        "sha256:ABC                           | digest hex must be lowercase",
        "sha256:xyz                           | only the characters 0-9 and a-f",
        "sha256:sha256:abc                    | the prefix \"sha256:\" appears twice",
        "sha384:abc                           | unsupported digest algorithm \"sha384\"",
        "blake3:abc                           | unsupported digest algorithm \"blake3\"",
        "Sha512:abc                           | digest algorithms are lowercase. Use \"sha512\"",
      })
  void rejectsInvalidDigest(String value, String messageFragment) {
    assertThatThrownBy(() -> Digest.parse(value))
        .isInstanceOfSatisfying(
            InvalidImageReferenceException.class,
            e -> {
              assertThat(e.part()).isEqualTo(Part.DIGEST);
              assertThat(e.getMessage()).startsWith("invalid digest ");
              assertThat(e.getMessage()).contains(messageFragment);
            });
  }

  @Test
  void repeatedPrefixNamesFix() {
    assertThatThrownBy(() -> Digest.parse("sha256:sha256:" + HEX))
        .hasMessage(
            "invalid digest \"sha256:sha256:"
                + HEX
                + "\": the prefix \"sha256:\" appears twice. Remove one of them");
  }
}
