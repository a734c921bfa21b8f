package dev.custos.events.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custos.events.EventSamples;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class AuditEventsTest {
  private static final JsonNode ENTRY = EventSamples.json("{\"ceId\": \"1\"}");
  private static final String LEAF_HASH =
      "2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70819";
  private static final String ORIGIN = "custos.example.com/audit";

  @Test
  void entryKeyIsLeafIndex() {
    AuditEntryAppended appended = new AuditEntryAppended(ENTRY, 41, LEAF_HASH, 42);

    assertThat(appended.key()).isEqualTo("41");
  }

  @Test
  void treeMustContainTheLeaf() {
    assertThatThrownBy(() -> new AuditEntryAppended(ENTRY, 41, LEAF_HASH, 41))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("treeSize must be more than leafIndex 41, but is 41");
  }

  @Test
  void leafHashMustBeLowercaseHex() {
    String upperCase = LEAF_HASH.toUpperCase(Locale.ROOT);

    assertThatThrownBy(() -> new AuditEntryAppended(ENTRY, 0, upperCase, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("leafHash must be 64 lowercase hex digits");
  }

  @Test
  void checkpointKeyIsOrigin() {
    CheckpointPublished checkpoint =
        new CheckpointPublished(ORIGIN, 42, EventSamples.ROOT_HASH, note(ORIGIN, 42));

    assertThat(checkpoint.key()).isEqualTo(ORIGIN);
  }

  @Test
  void checkpointNoteMustMatchFields() {
    String otherTreeSize = note(ORIGIN, 43);

    assertThatThrownBy(
            () -> new CheckpointPublished(ORIGIN, 42, EventSamples.ROOT_HASH, otherTreeSize))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "signedNote must start with the lines origin, treeSize and rootHash of this"
                + " checkpoint");
  }

  @Test
  void rootHashMustBe32Bytes() {
    String shortHash = "AAECAwQFBgcICQoLDA0ODw==";

    assertThatThrownBy(() -> new CheckpointPublished(ORIGIN, 0, shortHash, "note"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rootHash must be a SHA-256 hash in standard base64");
  }

  @Test
  void originMustBeOneLine() {
    assertThatThrownBy(
            () ->
                new CheckpointPublished(
                    "custos\nexample", 0, EventSamples.ROOT_HASH, "custos\nexample\n0\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("origin must be a single line");
  }

  private static String note(String origin, long treeSize) {
    return origin
        + "\n"
        + treeSize
        + "\n"
        + EventSamples.ROOT_HASH
        + "\n\n\u2014 "
        + origin
        + " c2lnbmF0dXJl\n";
  }
}
