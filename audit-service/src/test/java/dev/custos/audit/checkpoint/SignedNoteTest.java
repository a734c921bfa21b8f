package dev.custos.audit.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignedNoteTest {
  private static final NoteSigner ALICE = NoteSigner.fromSeed("alice.example/log", seed(1));
  private static final NoteSigner BOB = NoteSigner.fromSeed("bob.example/witness", seed(2));
  private static final String TEXT = "first line\n\nafter an empty line\n";

  @Test
  void signedNoteOpensToText() throws InvalidNoteException {
    String note = SignedNote.sign(TEXT, List.of(ALICE));

    assertThat(SignedNote.open(note, List.of(ALICE.verifier()))).isEqualTo(TEXT);
  }

  @Test
  void textSplitsAtLastBlankLine() throws InvalidNoteException {
    SignedNote note = SignedNote.parse(SignedNote.sign(TEXT, List.of(ALICE, BOB)));

    assertThat(note.text()).isEqualTo(TEXT);
    assertThat(note.signatures())
        .extracting(SignedNote.Signature::keyName)
        .containsExactly("alice.example/log", "bob.example/witness");
  }

  @Test
  void failingKnownSignatureRejectsNote() {
    String aliceNote = SignedNote.sign(TEXT, List.of(ALICE));
    String bobNote = SignedNote.sign("other text\n", List.of(BOB));
    String mixed = aliceNote + bobNote.substring(bobNote.lastIndexOf('\u2014'));

    assertThatThrownBy(() -> SignedNote.open(mixed, List.of(ALICE.verifier(), BOB.verifier())))
        .isInstanceOf(InvalidNoteException.class)
        .hasMessageStartingWith("signature of key bob.example/witness+");
  }

  @Test
  void sameNameOtherKeyIsIgnored() {
    NoteSigner impostor = NoteSigner.fromSeed("alice.example/log", seed(3));
    String note = SignedNote.sign(TEXT, List.of(impostor));

    assertThatThrownBy(() -> SignedNote.open(note, List.of(ALICE.verifier())))
        .isInstanceOf(InvalidNoteException.class)
        .hasMessage("note has no signature from a known key");
  }

  @Test
  void noteWithoutBlankLineIsRejected() {
    assertThatThrownBy(() -> SignedNote.parse("text\n\u2014 alice.example/log AAAAAAA=\n"))
        .isInstanceOf(InvalidNoteException.class)
        .hasMessage("note has no blank line before its signatures");
  }

  @Test
  void noteWithoutSignaturesIsRejected() {
    assertThatThrownBy(() -> SignedNote.parse("text\n\n"))
        .isInstanceOf(InvalidNoteException.class)
        .hasMessage("note has no signature lines");
  }

  @Test
  void missingFinalNewlineIsRejected() {
    String note = SignedNote.sign(TEXT, List.of(ALICE));
    String truncated = note.substring(0, note.length() - 1);

    assertThatThrownBy(() -> SignedNote.parse(truncated))
        .isInstanceOf(InvalidNoteException.class)
        .hasMessage("note does not end with a newline");
  }

  @Test
  void hyphenInsteadOfEmDashIsRejected() {
    String note = SignedNote.sign(TEXT, List.of(ALICE)).replace('\u2014', '-');

    assertThatThrownBy(() -> SignedNote.parse(note))
        .isInstanceOf(InvalidNoteException.class)
        .hasMessageStartingWith("signature line does not start with an em dash");
  }

  @Test
  void controlCharacterIsRejected() {
    String note = SignedNote.sign("tab\there\n", List.of(ALICE));

    assertThatThrownBy(() -> SignedNote.parse(note))
        .isInstanceOf(InvalidNoteException.class)
        .hasMessage("note contains control character U+0009 at 3");
  }

  @Test
  void nonCanonicalBase64IsRejected() {
    String note = SignedNote.sign(TEXT, List.of(ALICE));
    String unpadded = note.substring(0, note.length() - 2) + "\n";

    assertThatThrownBy(() -> SignedNote.parse(unpadded))
        .isInstanceOf(InvalidNoteException.class)
        .hasMessage("signature of key alice.example/log is not base64 of a key ID and a signature");
  }

  @Test
  void tooManySignaturesAreRejected() {
    StringBuilder note = new StringBuilder(SignedNote.sign(TEXT, List.of(ALICE)));
    String line = note.substring(note.lastIndexOf("\u2014"));
    for (int i = 0; i < SignedNote.MAX_SIGNATURES; i++) {
      note.append(line);
    }

    assertThatThrownBy(() -> SignedNote.parse(note.toString()))
        .isInstanceOf(InvalidNoteException.class)
        .hasMessage("note has 101 signatures, more than the maximum 100");
  }

  @Test
  void invalidUtf8IsRejected() {
    byte[] note = SignedNote.sign(TEXT, List.of(ALICE)).getBytes(StandardCharsets.UTF_8);
    note[0] = (byte) 0xff;

    assertThatThrownBy(() -> SignedNote.parse(note))
        .isInstanceOf(InvalidNoteException.class)
        .hasMessage("note is not valid UTF-8");
  }

  @Test
  void utf8BytesParseLikeText() throws InvalidNoteException {
    String note = SignedNote.sign("caf\u00e9 \u2014 ok\n", List.of(ALICE));

    SignedNote parsed = SignedNote.parse(note.getBytes(StandardCharsets.UTF_8));

    assertThat(parsed.verify(List.of(ALICE.verifier()))).containsExactly(ALICE.verifier());
  }

  @Test
  void textWithoutNewlineCannotBeSigned() {
    assertThatThrownBy(() -> SignedNote.sign("no newline", List.of(ALICE)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("note text must end with a newline");
  }

  private static byte[] seed(int value) {
    byte[] seed = new byte[32];
    seed[0] = (byte) value;
    return seed;
  }
}
