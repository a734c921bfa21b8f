package dev.custos.audit.merkle;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The proof rules of RFC 9162 section 2.1 that the verifier enforces, one case per test. */
class ProofVerifierTest {
  private static final int SIZE = 13;

  private static final List<byte[]> leaves = new ArrayList<>();
  private static MerkleTree tree;

  @BeforeAll
  static void buildTree() {
    for (int i = 0; i < SIZE; i++) {
      leaves.add(Rfc6962Hasher.leafHash(new byte[] {(byte) i}));
    }
    tree = new MerkleTree(new InMemoryHashStore());
    tree.append(leaves);
  }

  @Test
  void inclusionWithExtraNodeFails() {
    List<byte[]> proof = new ArrayList<>(tree.inclusionProof(5, SIZE));
    proof.add(leaves.get(0));

    assertThatThrownBy(() -> verifyInclusion(5, proof))
        .isInstanceOf(InvalidProofException.class)
        .hasMessage("inclusion proof has 5 nodes, expected 4");
  }

  @Test
  void inclusionWithMissingNodeFails() {
    List<byte[]> proof = new ArrayList<>(tree.inclusionProof(5, SIZE));
    proof.remove(proof.size() - 1);

    assertThatThrownBy(() -> verifyInclusion(5, proof))
        .isInstanceOf(InvalidProofException.class)
        .hasMessage("inclusion proof has 3 nodes, expected 4");
  }

  @Test
  void inclusionIndexAtSizeFails() {
    assertThatThrownBy(
            () ->
                ProofVerifier.verifyInclusion(
                    leaves.get(0), SIZE, SIZE, tree.inclusionProof(0, SIZE), tree.root(SIZE)))
        .isInstanceOf(InvalidProofException.class)
        .hasMessage("leaf index 13 is outside a tree of size 13");
  }

  @Test
  void inclusionNegativeIndexFails() {
    assertThatThrownBy(
            () ->
                ProofVerifier.verifyInclusion(
                    leaves.get(0), -1, SIZE, tree.inclusionProof(0, SIZE), tree.root(SIZE)))
        .isInstanceOf(InvalidProofException.class)
        .hasMessage("leaf index -1 is outside a tree of size 13");
  }

  @Test
  void inclusionShortLeafHashFails() {
    byte[] shortLeaf = new byte[31];

    assertThatThrownBy(
            () ->
                ProofVerifier.verifyInclusion(
                    shortLeaf, 5, SIZE, tree.inclusionProof(5, SIZE), tree.root(SIZE)))
        .isInstanceOf(InvalidProofException.class)
        .hasMessage("leaf hash has 31 bytes, expected 32");
  }

  @Test
  void inclusionLongProofNodeFails() {
    List<byte[]> proof = new ArrayList<>(tree.inclusionProof(5, SIZE));
    proof.set(1, new byte[33]);

    assertThatThrownBy(() -> verifyInclusion(5, proof))
        .isInstanceOf(InvalidProofException.class)
        .hasMessage("proof node 1 has 33 bytes, expected 32");
  }

  @Test
  void inclusionMissingRootFails() {
    assertThatThrownBy(
            () ->
                ProofVerifier.verifyInclusion(
                    leaves.get(5), 5, SIZE, tree.inclusionProof(5, SIZE), null))
        .isInstanceOf(InvalidProofException.class)
        .hasMessage("root is missing");
  }

  @Test
  void inclusionWrongRootNamesBothRoots() {
    assertThatThrownBy(
            () ->
                ProofVerifier.verifyInclusion(
                    leaves.get(5), 5, SIZE, tree.inclusionProof(5, SIZE), tree.root(SIZE - 1)))
        .isInstanceOf(InvalidProofException.class)
        .hasMessageStartingWith("calculated root ")
        .hasMessageContaining(" does not match the expected ");
  }

  @Test
  void consistencyFromZeroToZeroFails() {
    byte[] empty = Rfc6962Hasher.emptyRoot();

    assertThatThrownBy(() -> ProofVerifier.verifyConsistency(0, 0, empty, empty, List.of()))
        .isInstanceOf(InvalidProofException.class)
        .hasMessage("consistency proof from the empty tree proves nothing");
  }

  @Test
  void consistencyFromZeroFails() {
    assertThatThrownBy(
            () ->
                ProofVerifier.verifyConsistency(
                    0, SIZE, Rfc6962Hasher.emptyRoot(), tree.root(SIZE), List.of()))
        .isInstanceOf(InvalidProofException.class)
        .hasMessage("consistency proof from the empty tree proves nothing");
  }

  @Test
  void consistencyBackwardsFails() {
    assertThatThrownBy(
            () ->
                ProofVerifier.verifyConsistency(
                    SIZE, 5, tree.root(SIZE), tree.root(5), tree.consistencyProof(5, SIZE)))
        .isInstanceOf(InvalidProofException.class)
        .hasMessage("first tree size 13 must be between 0 and the second tree size 5");
  }

  @Test
  void consistencyEqualSizesVerifies() {
    byte[] root = tree.root(7);

    assertThatCode(() -> ProofVerifier.verifyConsistency(7, 7, root, root.clone(), List.of()))
        .doesNotThrowAnyException();
  }

  @Test
  void consistencyEqualSizesNeedEmptyProof() {
    byte[] root = tree.root(7);

    assertThatThrownBy(() -> ProofVerifier.verifyConsistency(7, 7, root, root, List.of(root)))
        .isInstanceOf(InvalidProofException.class)
        .hasMessage("consistency proof has 1 nodes, expected 0");
  }

  @Test
  void consistencyEqualSizesNeedEqualRoots() {
    assertThatThrownBy(
            () -> ProofVerifier.verifyConsistency(7, 7, tree.root(7), tree.root(8), List.of()))
        .isInstanceOf(InvalidProofException.class)
        .hasMessage("roots of the two trees of size 7 differ, so they are not consistent");
  }

  @Test
  void consistencyWithExtraNodeFails() {
    List<byte[]> proof = new ArrayList<>(tree.consistencyProof(6, SIZE));
    proof.add(0, leaves.get(0));

    assertThatThrownBy(
            () -> ProofVerifier.verifyConsistency(6, SIZE, tree.root(6), tree.root(SIZE), proof))
        .isInstanceOf(InvalidProofException.class)
        .hasMessage("consistency proof has 5 nodes, expected 4");
  }

  @Test
  void consistencyWithMissingNodeFails() {
    List<byte[]> proof = new ArrayList<>(tree.consistencyProof(6, SIZE));
    proof.remove(0);

    assertThatThrownBy(
            () -> ProofVerifier.verifyConsistency(6, SIZE, tree.root(6), tree.root(SIZE), proof))
        .isInstanceOf(InvalidProofException.class)
        .hasMessage("consistency proof has 3 nodes, expected 4");
  }

  @Test
  void consistencyShortRootFails() {
    assertThatThrownBy(
            () ->
                ProofVerifier.verifyConsistency(
                    6, SIZE, new byte[0], tree.root(SIZE), tree.consistencyProof(6, SIZE)))
        .isInstanceOf(InvalidProofException.class)
        .hasMessage("first root has 0 bytes, expected 32");
  }

  @Test
  void consistencyFromPerfectTreeVerifies() {
    List<byte[]> proof = tree.consistencyProof(8, SIZE);

    assertThatCode(
            () -> ProofVerifier.verifyConsistency(8, SIZE, tree.root(8), tree.root(SIZE), proof))
        .doesNotThrowAnyException();
  }

  @Test
  void proofLengthRejectsEmptyFirstTree() {
    assertThatThrownBy(() -> ProofVerifier.consistencyProofLength(0, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("first tree size 0 must be positive and at most the second tree size 4");
  }

  private static void verifyInclusion(int index, List<byte[]> proof) throws InvalidProofException {
    ProofVerifier.verifyInclusion(leaves.get(index), index, SIZE, proof, tree.root(SIZE));
  }
}
