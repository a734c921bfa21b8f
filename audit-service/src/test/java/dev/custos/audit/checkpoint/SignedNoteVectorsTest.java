package dev.custos.audit.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custos.audit.TestResources;
import dev.custos.audit.merkle.Rfc6962Hasher;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Signed notes from the C2SP spec, Go's sumdb note tests, a real sum.golang.org checkpoint and a
 * Rekor v2 checkpoint, plus two negatives made by changing one byte.
 */
class SignedNoteVectorsTest {
  private static final JsonNode FILE =
      TestResources.json("vectors/signed-note/signed_note_vectors.json");

  static Stream<JsonNode> vectors() {
    List<JsonNode> vectors = new ArrayList<>();
    FILE.get("vectors").forEach(vectors::add);
    return vectors.stream();
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void noteAgreesWithExpectation(JsonNode vector) {
    NoteVerifier verifier = NoteVerifier.parse(vector.get("vkey").asText());
    String note = vector.get("note").asText();
    String id = vector.get("id").asText();

    if (vector.get("expect").asText().equals("valid")) {
      assertThatCode(() -> SignedNote.open(note, List.of(verifier)))
          .as(id)
          .doesNotThrowAnyException();
    } else {
      assertThatThrownBy(() -> SignedNote.open(note, List.of(verifier)))
          .as(id)
          .isInstanceOf(InvalidNoteException.class);
    }
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void verifierKeyRoundTrips(JsonNode vector) {
    String verifierKey = vector.get("vkey").asText();

    assertThat(NoteVerifier.parse(verifierKey).verifierKey()).isEqualTo(verifierKey);
  }

  @Test
  void unknownSecondSignatureIsIgnored() throws InvalidNoteException {
    JsonNode vector = vector("go-note-two-sigs-only-peter-known");
    NoteVerifier peter = NoteVerifier.parse(vector.get("vkey").asText());
    SignedNote note = SignedNote.parse(vector.get("note").asText());

    assertThat(note.signatures()).hasSize(2);
    assertThat(note.verify(List.of(peter))).containsExactly(peter);
  }

  @Test
  void bothKnownSignaturesVerify() throws InvalidNoteException {
    NoteVerifier peter = NoteVerifier.parse(vector("go-note-peterneumann").get("vkey").asText());
    NoteVerifier enoch = NoteVerifier.parse(vector("go-note-enochroot").get("vkey").asText());
    SignedNote note =
        SignedNote.parse(vector("go-note-two-sigs-only-peter-known").get("note").asText());

    assertThat(note.verify(List.of(enoch, peter))).containsExactly(peter, enoch);
  }

  @Test
  void onlyUnknownSignaturesAreRejected() {
    NoteVerifier enoch = NoteVerifier.parse(vector("go-note-enochroot").get("vkey").asText());
    String peterNote = vector("go-note-peterneumann").get("note").asText();

    assertThatThrownBy(() -> SignedNote.open(peterNote, List.of(enoch)))
        .isInstanceOf(InvalidNoteException.class)
        .hasMessage("note has no signature from a known key");
  }

  @Test
  void tamperedTextNamesFailingKey() {
    JsonNode vector = vector("negative-text-tampered");
    NoteVerifier verifier = NoteVerifier.parse(vector.get("vkey").asText());

    assertThatThrownBy(() -> SignedNote.open(vector.get("note").asText(), List.of(verifier)))
        .isInstanceOf(InvalidNoteException.class)
        .hasMessage("signature of key PeterNeumann+c74f20a3 does not verify");
  }

  @Test
  void resignReproducesPublishedSignature() {
    JsonNode vector = vector("go-note-peterneumann");
    NoteSigner signer = NoteSigner.fromPrivateKey(vector.get("skey").asText());
    String note = vector.get("note").asText();
    String text = note.substring(0, note.lastIndexOf("\n\n") + 1);

    assertThat(SignedNote.sign(text, List.of(signer))).isEqualTo(note);
  }

  @Test
  void signerKeyMatchesVerifierKey() {
    JsonNode vector = vector("go-note-peterneumann");
    NoteSigner signer = NoteSigner.fromPrivateKey(vector.get("skey").asText());

    assertThat(signer.verifier().verifierKey()).isEqualTo(vector.get("vkey").asText());
  }

  @Test
  void sumdbCheckpointParses() throws InvalidNoteException {
    JsonNode vector = vector("sumdb-real-checkpoint-6476701");
    NoteVerifier verifier = NoteVerifier.parse(vector.get("vkey").asText());
    JsonNode expected = vector.get("checkpoint");

    Checkpoint checkpoint =
        Checkpoint.open(
            vector.get("note").asText(), expected.get("origin").asText(), List.of(verifier));

    assertThat(checkpoint.size()).isEqualTo(expected.get("size").asLong());
    assertThat(checkpoint.rootHash())
        .isEqualTo(Base64.getDecoder().decode(expected.get("root_b64").asText()));
    assertThat(checkpoint.extensions()).isEmpty();
  }

  @Test
  void tamperedCheckpointSizeIsRejected() {
    JsonNode vector = vector("negative-size-tampered-checkpoint");
    NoteVerifier verifier = NoteVerifier.parse(vector.get("vkey").asText());

    assertThatThrownBy(
            () ->
                Checkpoint.open(
                    vector.get("note").asText(), "go.sum database tree", List.of(verifier)))
        .isInstanceOf(InvalidNoteException.class)
        .hasMessageContaining("does not verify");
  }

  @Test
  void rekorRootIsLeafHashOfBody() throws InvalidNoteException {
    JsonNode vector = vector("rekor-v2-local-checkpoint-size1");
    NoteVerifier verifier = NoteVerifier.parse(vector.get("vkey").asText());
    byte[] body = Base64.getDecoder().decode(vector.get("leaf0_canonicalized_body_b64").asText());

    Checkpoint checkpoint =
        Checkpoint.open(vector.get("note").asText(), "rekor-local", List.of(verifier));

    assertThat(checkpoint.size()).isEqualTo(1);
    assertThat(checkpoint.rootHash()).isEqualTo(Rfc6962Hasher.leafHash(body));
  }

  @Test
  void treeNoteVectorParses() throws InvalidNoteException {
    JsonNode vector = FILE.get("tree_note_vector");

    Checkpoint checkpoint = Checkpoint.parse(vector.get("text").asText());

    assertThat(checkpoint.origin()).isEqualTo("go.sum database tree");
    assertThat(checkpoint.size()).isEqualTo(123456789012L);
    assertThat(checkpoint.rootHash())
        .isEqualTo(Rfc6962Hasher.leafHash("hello world".getBytes(StandardCharsets.US_ASCII)));
    assertThat(checkpoint.toText()).isEqualTo(vector.get("text").asText());
  }

  private static JsonNode vector(String id) {
    for (JsonNode vector : FILE.get("vectors")) {
      if (vector.get("id").asText().equals(id)) {
        return vector;
      }
    }
    throw new IllegalArgumentException("no signed-note vector with id " + id);
  }
}
