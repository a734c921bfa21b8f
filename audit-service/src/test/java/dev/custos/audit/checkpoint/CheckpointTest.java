package dev.custos.audit.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.audit.merkle.Rfc6962Hasher;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckpointTest {
  private static final byte[] ROOT =
      Rfc6962Hasher.leafHash("entry".getBytes(StandardCharsets.US_ASCII));
  private static final String ROOT_BASE64 = Base64.getEncoder().encodeToString(ROOT);
  private static final NoteSigner SIGNER = NoteSigner.fromSeed("audit.example/prod", new byte[32]);

  @Test
  void textHasOriginSizeAndRoot() {
    Checkpoint checkpoint = new Checkpoint("audit.example/prod", 42, ROOT);

    assertThat(checkpoint.toText()).isEqualTo("audit.example/prod\n42\n" + ROOT_BASE64 + "\n");
  }

  @Test
  void extensionLinesRoundTrip() throws InvalidNoteException {
    Checkpoint checkpoint =
        new Checkpoint("audit.example/prod", 7, ROOT, List.of("Timestamp: 1", "other"));

    Checkpoint parsed = Checkpoint.parse(checkpoint.toText());

    assertThat(parsed.extensions()).containsExactly("Timestamp: 1", "other");
    assertThat(parsed.rootHash()).isEqualTo(ROOT);
    assertThat(parsed.toText()).isEqualTo(checkpoint.toText());
  }

  @Test
  void parsedCheckpointEqualsOriginal() throws InvalidNoteException {
    Checkpoint checkpoint = new Checkpoint("audit.example/prod", 42, ROOT, List.of("extra"));

    assertThat(Checkpoint.parse(checkpoint.toText())).isEqualTo(checkpoint);
  }

  @Test
  void signedCheckpointOpens() throws InvalidNoteException {
    String note = new Checkpoint("audit.example/prod", 42, ROOT).sign(List.of(SIGNER));

    Checkpoint opened = Checkpoint.open(note, "audit.example/prod", List.of(SIGNER.verifier()));

    assertThat(opened.size()).isEqualTo(42);
    assertThat(opened.rootHash()).isEqualTo(ROOT);
  }

  @Test
  void otherOriginIsRejected() {
    String note = new Checkpoint("audit.example/prod", 42, ROOT).sign(List.of(SIGNER));

    assertThatThrownBy(
            () -> Checkpoint.open(note, "audit.example/test", List.of(SIGNER.verifier())))
        .isInstanceOf(InvalidNoteException.class)
        .hasMessage(
            "checkpoint origin 'audit.example/prod' does not match the expected origin"
                + " 'audit.example/test'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-1", "+1", "01", "1.0", "0x10", " 1"})
  void invalidSizeIsRejected(String size) {
    String text = "audit.example/prod\n" + size + "\n" + ROOT_BASE64 + "\n";

    assertThatThrownBy(() -> Checkpoint.parse(text))
        .isInstanceOf(InvalidNoteException.class)
        .hasMessageStartingWith("checkpoint size is not a decimal number");
  }

  @Test
  void sizeBeyondLongIsRejected() {
    String text = "audit.example/prod\n99999999999999999999\n" + ROOT_BASE64 + "\n";

    assertThatThrownBy(() -> Checkpoint.parse(text))
        .isInstanceOf(InvalidNoteException.class)
        .hasMessage("checkpoint size is too large: 99999999999999999999");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU",
        "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU=",
        "ZG9uJ3QgY2FyZSAy",
        ""
      })
  void invalidRootHashIsRejected(String rootHash) {
    String text = "audit.example/prod\n1\n" + rootHash + "\n";

    assertThatThrownBy(() -> Checkpoint.parse(text))
        .isInstanceOf(InvalidNoteException.class)
        .hasMessageStartingWith("checkpoint root hash is not base64 of 32 bytes");
  }

  @Test
  void missingRootLineIsRejected() {
    assertThatThrownBy(() -> Checkpoint.parse("audit.example/prod\n1\n"))
        .isInstanceOf(InvalidNoteException.class)
        .hasMessage("checkpoint has 2 lines, expected origin, size and root hash");
  }

  @Test
  void emptyOriginIsRejected() {
    assertThatThrownBy(() -> Checkpoint.parse("\n1\n" + ROOT_BASE64 + "\n"))
        .isInstanceOf(InvalidNoteException.class)
        .hasMessage("checkpoint origin line is empty");
  }

  @Test
  void emptyExtensionLineIsRejected() {
    String text = "audit.example/prod\n1\n" + ROOT_BASE64 + "\n\n";

    assertThatThrownBy(() -> Checkpoint.parse(text))
        .isInstanceOf(InvalidNoteException.class)
        .hasMessage("checkpoint has an empty extension line");
  }

  @Test
  void missingFinalNewlineIsRejected() {
    String text = "audit.example/prod\n1\n" + ROOT_BASE64;

    assertThatThrownBy(() -> Checkpoint.parse(text))
        .isInstanceOf(InvalidNoteException.class)
        .hasMessage("checkpoint does not end with a newline");
  }

  @Test
  void shortRootCannotBeCheckpointed() {
    assertThatThrownBy(() -> new Checkpoint("audit.example/prod", 1, new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("checkpoint root hash must be 32 bytes, was 31");
  }
}
