package dev.custos.audit.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custos.audit.TestResources;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The RFC 6962 reference tree of eight leaves, from the certificate-transparency test suites. */
class ReferenceRootsTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final JsonNode VECTORS =
      TestResources.json("vectors/rfc6962_reference_roots.json");

  private static InMemoryHashStore store;
  private static MerkleTree tree;

  @BeforeAll
  static void appendReferenceLeaves() {
    List<byte[]> leafHashes = new ArrayList<>();
    for (JsonNode leaf : VECTORS.get("leaf_inputs_hex")) {
      leafHashes.add(Rfc6962Hasher.leafHash(HEX.parseHex(leaf.asText())));
    }
    store = new InMemoryHashStore();
    tree = new MerkleTree(store);
    tree.append(leafHashes);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8})
  void rootAtReferenceSize(int size) {
    String expected = VECTORS.get("root_hashes_by_size").get(Integer.toString(size)).asText();

    assertThat(HEX.formatHex(tree.root(size))).isEqualTo(expected);
  }

  @Test
  void currentRootIsSizeEightRoot() {
    String expected = VECTORS.get("root_hashes_by_size").get("8").asText();

    assertThat(HEX.formatHex(tree.root())).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"leaf_hashes_level0", "level1", "level2"})
  void storedLevelMatchesReference(String levelName) {
    int level = levelName.equals("leaf_hashes_level0") ? 0 : levelName.charAt(5) - '0';
    JsonNode expected = VECTORS.get(levelName);

    for (int i = 0; i < expected.size(); i++) {
      byte[] stored = store.read(List.of(new NodeId(level, i))).get(0);
      assertThat(HEX.formatHex(stored))
          .as("node %d at level %d", i, level)
          .isEqualTo(expected.get(i).asText());
    }
  }

  @Test
  void reopenedTreeKeepsRoot() {
    MerkleTree reopened = new MerkleTree(store);

    assertThat(reopened.size()).isEqualTo(8);
    assertThat(reopened.root()).isEqualTo(tree.root());
  }
}
