package dev.custos.audit.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.audit.TestResources;
import dev.custos.audit.merkle.InMemoryHashStore;
import dev.custos.audit.merkle.MerkleTree;
import dev.custos.audit.merkle.Rfc6962Hasher;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tessera's test log of 15 entries: a checkpoint for every size, the partial entry bundles and the
 * partial level-0 tiles of the C2SP tlog-tiles layout.
 */
class TesseraLogTest {
  private static final String LOG = "vectors/tessera-testdata-log/testdata/log/";
  private static final String ORIGIN = "example.com/log/testdata";
  private static final NoteVerifier VERIFIER =
      NoteVerifier.parse(
          "example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx");
  private static final List<String> WORDS =
      List.of(
          "one",
          "two",
          "three",
          "four",
          "five",
          "six",
          "seven",
          "eit",
          "nain",
          "ten",
          "ileven",
          "twelf",
          "threeten",
          "fourten",
          "fivten");

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})
  void checkpointVerifiesWithLogKey(int size) throws InvalidNoteException {
    Checkpoint checkpoint = openCheckpoint("checkpoint." + size);

    assertThat(checkpoint.origin()).isEqualTo(ORIGIN);
    assertThat(checkpoint.size()).isEqualTo(size);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})
  void bundleDecodesToEntries(int size) {
    List<String> entries = new ArrayList<>();
    for (byte[] entry : decodeBundle(TestResources.bytes(LOG + "tile/entries/000.p/" + size))) {
      entries.add(new String(entry, StandardCharsets.US_ASCII));
    }

    assertThat(entries).isEqualTo(WORDS.subList(0, size));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})
  void tileHoldsLeafHashes(int size) {
    List<byte[]> entries = decodeBundle(TestResources.bytes(LOG + "tile/entries/000.p/" + size));
    ByteArrayOutputStream leafHashes = new ByteArrayOutputStream();
    for (byte[] entry : entries) {
      leafHashes.writeBytes(Rfc6962Hasher.leafHash(entry));
    }

    assertThat(leafHashes.toByteArray())
        .isEqualTo(TestResources.bytes(LOG + "tile/0/000.p/" + size));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})
  void rootRecomputesFromEntries(int size) throws InvalidNoteException {
    Checkpoint checkpoint = openCheckpoint("checkpoint." + size);
    MerkleTree tree = new MerkleTree(new InMemoryHashStore());
    if (size > 0) {
      List<byte[]> leafHashes = new ArrayList<>();
      for (byte[] entry : decodeBundle(TestResources.bytes(LOG + "tile/entries/000.p/" + size))) {
        leafHashes.add(Rfc6962Hasher.leafHash(entry));
      }
      tree.append(leafHashes);
    }

    assertThat(tree.root()).isEqualTo(checkpoint.rootHash());
  }

  @Test
  void latestCheckpointIsSizeFifteen() throws InvalidNoteException {
    Checkpoint latest = openCheckpoint("checkpoint");

    assertThat(latest.size()).isEqualTo(15);
    assertThat(latest.rootHash()).isEqualTo(openCheckpoint("checkpoint.15").rootHash());
  }

  private static Checkpoint openCheckpoint(String name) throws InvalidNoteException {
    return Checkpoint.open(TestResources.text(LOG + name), ORIGIN, List.of(VERIFIER));
  }

  /** Splits an entry bundle: each entry is preceded by its length as a big-endian uint16. */
  private static List<byte[]> decodeBundle(byte[] bundle) {
    ByteBuffer buffer = ByteBuffer.wrap(bundle);
    List<byte[]> entries = new ArrayList<>();
    while (buffer.hasRemaining()) {
      byte[] entry = new byte[Short.toUnsignedInt(buffer.getShort())];
      buffer.get(entry);
      entries.add(entry);
    }
    return entries;
  }
}
