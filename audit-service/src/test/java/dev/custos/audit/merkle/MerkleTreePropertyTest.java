package dev.custos.audit.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Random trees checked against the recursive RFC 9162 definitions in {@link ReferenceMerkle}, with
 * every single-bit change of a proof, root or leaf hash rejected. Seeded, so a failure repeats.
 */
class MerkleTreePropertyTest {
  private static final long SEED = 6962_9162L;
  private static final int MAX_SIZE = 3000;
  private static final int SIZES = 12;
  private static final int SAMPLES_PER_SIZE = 6;

  private static List<byte[]> leaves;
  private static MerkleTree tree;

  @BeforeAll
  static void buildTree() {
    Random random = new Random(SEED);
    leaves = new ArrayList<>();
    tree = new MerkleTree(new InMemoryHashStore());

    // Uneven batches exercise appends that complete subtrees across batch boundaries.
    while (leaves.size() < MAX_SIZE) {
      List<byte[]> batch = new ArrayList<>();
      int batchSize = 1 + random.nextInt(97);
      for (int i = 0; i < batchSize && leaves.size() + batch.size() < MAX_SIZE; i++) {
        byte[] entry = new byte[1 + random.nextInt(64)];
        random.nextBytes(entry);
        batch.add(Rfc6962Hasher.leafHash(entry));
      }
      leaves.addAll(batch);
      tree.append(batch);
    }
  }

  @Test
  void rootsMatchReference() {
    for (int size : sampleSizes(new Random(SEED + 1))) {
      assertThat(tree.root(size))
          .as("root at size %d", size)
          .isEqualTo(ReferenceMerkle.root(leaves.subList(0, size)));
    }
  }

  @Test
  void smallTreeRootsMatchReference() {
    for (int size = 0; size <= 70; size++) {
      assertThat(tree.root(size))
          .as("root at size %d", size)
          .isEqualTo(ReferenceMerkle.root(leaves.subList(0, size)));
    }
  }

  @Test
  void inclusionProofsMatchReference() {
    Random random = new Random(SEED + 2);
    for (int size : sampleSizes(random)) {
      for (int index : sampleIndexes(random, size)) {
        List<byte[]> expected = ReferenceMerkle.path(index, leaves.subList(0, size));

        assertThat(tree.inclusionProof(index, size))
            .as("index %d in size %d", index, size)
            .containsExactlyElementsOf(expected);
      }
    }
  }

  @Test
  void consistencyProofsMatchReference() {
    Random random = new Random(SEED + 3);
    for (int size2 : sampleSizes(random)) {
      for (int size1 : sampleFirstSizes(random, size2)) {
        List<byte[]> expected = ReferenceMerkle.consistency(size1, leaves.subList(0, size2));

        assertThat(tree.consistencyProof(size1, size2))
            .as("%d to %d", size1, size2)
            .containsExactlyElementsOf(expected);
      }
    }
  }

  @Test
  void inclusionProofsVerify() {
    Random random = new Random(SEED + 4);
    for (int size : sampleSizes(random)) {
      byte[] root = tree.root(size);
      for (int index : sampleIndexes(random, size)) {
        List<byte[]> proof = tree.inclusionProof(index, size);

        assertThatCode(
                () -> ProofVerifier.verifyInclusion(leaves.get(index), index, size, proof, root))
            .as("index %d in size %d", index, size)
            .doesNotThrowAnyException();
      }
    }
  }

  @Test
  void consistencyProofsVerify() {
    Random random = new Random(SEED + 5);
    for (int size2 : sampleSizes(random)) {
      byte[] root2 = tree.root(size2);
      for (int size1 : sampleFirstSizes(random, size2)) {
        byte[] root1 = tree.root(size1);
        List<byte[]> proof = tree.consistencyProof(size1, size2);

        assertThatCode(() -> ProofVerifier.verifyConsistency(size1, size2, root1, root2, proof))
            .as("%d to %d", size1, size2)
            .doesNotThrowAnyException();
      }
    }
  }

  @Test
  void flippedBitFailsInclusion() {
    Random random = new Random(SEED + 6);
    for (int size : sampleSizes(random)) {
      byte[] root = tree.root(size);
      int index = random.nextInt(size);
      byte[] leaf = leaves.get(index);
      List<byte[]> proof = tree.inclusionProof(index, size);
      String where = "index " + index + " in size " + size;

      for (int bit = 0; bit < 256; bit++) {
        byte[] flippedLeaf = flip(leaf, bit);
        byte[] flippedRoot = flip(root, bit);
        assertThatThrownBy(
                () -> ProofVerifier.verifyInclusion(flippedLeaf, index, size, proof, root))
            .as("%s, leaf bit %d", where, bit)
            .isInstanceOf(InvalidProofException.class);
        assertThatThrownBy(
                () -> ProofVerifier.verifyInclusion(leaf, index, size, proof, flippedRoot))
            .as("%s, root bit %d", where, bit)
            .isInstanceOf(InvalidProofException.class);
      }
      for (int node = 0; node < proof.size(); node++) {
        for (int bit = 0; bit < 256; bit++) {
          List<byte[]> flippedProof = flip(proof, node, bit);
          assertThatThrownBy(
                  () -> ProofVerifier.verifyInclusion(leaf, index, size, flippedProof, root))
              .as("%s, proof node %d bit %d", where, node, bit)
              .isInstanceOf(InvalidProofException.class);
        }
      }
    }
  }

  @Test
  void flippedBitFailsConsistency() {
    Random random = new Random(SEED + 7);
    for (int size2 : sampleSizes(random)) {
      int size1 = 1 + random.nextInt(size2);
      byte[] root1 = tree.root(size1);
      byte[] root2 = tree.root(size2);
      List<byte[]> proof = tree.consistencyProof(size1, size2);
      String where = size1 + " to " + size2;

      for (int bit = 0; bit < 256; bit++) {
        byte[] flippedRoot1 = flip(root1, bit);
        byte[] flippedRoot2 = flip(root2, bit);
        assertThatThrownBy(
                () -> ProofVerifier.verifyConsistency(size1, size2, flippedRoot1, root2, proof))
            .as("%s, first root bit %d", where, bit)
            .isInstanceOf(InvalidProofException.class);
        assertThatThrownBy(
                () -> ProofVerifier.verifyConsistency(size1, size2, root1, flippedRoot2, proof))
            .as("%s, second root bit %d", where, bit)
            .isInstanceOf(InvalidProofException.class);
      }
      for (int node = 0; node < proof.size(); node++) {
        for (int bit = 0; bit < 256; bit++) {
          List<byte[]> flippedProof = flip(proof, node, bit);
          assertThatThrownBy(
                  () -> ProofVerifier.verifyConsistency(size1, size2, root1, root2, flippedProof))
              .as("%s, proof node %d bit %d", where, node, bit)
              .isInstanceOf(InvalidProofException.class);
        }
      }
    }
  }

  @Test
  void proofLengthsMatchFormulas() {
    Random random = new Random(SEED + 8);
    for (int size2 : sampleSizes(random)) {
      for (int index : sampleIndexes(random, size2)) {
        assertThat(ProofVerifier.inclusionProofLength(index, size2))
            .as("inclusion of %d in %d", index, size2)
            .isEqualTo(tree.inclusionProof(index, size2).size());
      }
      for (int size1 : sampleFirstSizes(random, size2)) {
        assertThat(ProofVerifier.consistencyProofLength(size1, size2))
            .as("consistency %d to %d", size1, size2)
            .isEqualTo(tree.consistencyProof(size1, size2).size());
      }
    }
  }

  /** Returns sizes from 1 to MAX_SIZE, including powers of two and their neighbours. */
  private static List<Integer> sampleSizes(Random random) {
    List<Integer> sizes = new ArrayList<>(List.of(1, 2, 3, 1024, 1025, 2047, MAX_SIZE));
    for (int i = 0; i < SIZES; i++) {
      sizes.add(1 + random.nextInt(MAX_SIZE));
    }
    return sizes;
  }

  /** Returns the first and last index, and random ones. */
  private static List<Integer> sampleIndexes(Random random, int size) {
    List<Integer> indexes = new ArrayList<>(List.of(0, size - 1));
    for (int i = 0; i < SAMPLES_PER_SIZE; i++) {
      indexes.add(random.nextInt(size));
    }
    return indexes;
  }

  /** Returns sizes from 1 to {@code size2}, including both ends and the largest power of two. */
  private static List<Integer> sampleFirstSizes(Random random, int size2) {
    List<Integer> sizes = new ArrayList<>(List.of(1, size2, Integer.highestOneBit(size2)));
    for (int i = 0; i < SAMPLES_PER_SIZE; i++) {
      sizes.add(1 + random.nextInt(size2));
    }
    return sizes;
  }

  private static byte[] flip(byte[] hash, int bit) {
    byte[] flipped = hash.clone();
    flipped[bit / 8] ^= (byte) (1 << (bit % 8));
    return flipped;
  }

  private static List<byte[]> flip(List<byte[]> proof, int node, int bit) {
    List<byte[]> flipped = new ArrayList<>(proof);
    flipped.set(node, flip(proof.get(node), bit));
    return flipped;
  }
}
