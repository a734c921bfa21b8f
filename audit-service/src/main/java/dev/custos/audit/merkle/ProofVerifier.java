package dev.custos.audit.merkle;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Verifies inclusion and consistency proofs as RFC 9162 sections 2.1.3.2 and 2.1.4.2 specify, with
 * nothing but the proof and the hashes a verifier already trusts. Every check that fails throws
 * {@link InvalidProofException} with a message that names it.
 *
 * <p>Beyond the RFC algorithms, the verifier requires every hash to be 32 bytes and every proof to
 * have exactly the number of nodes that its sizes imply.
 */
public final class ProofVerifier {
  private static final HexFormat HEX = HexFormat.of();

  private ProofVerifier() {}

  /**
   * Verifies that {@code leafHash} is the leaf at {@code index} of the tree of {@code treeSize}
   * leaves whose root is {@code root}.
   */
  public static void verifyInclusion(
      byte[] leafHash, long index, long treeSize, List<byte[]> proof, byte[] root)
      throws InvalidProofException {
    requireHash("leaf hash", leafHash);
    requireHash("root", root);
    requireProofHashes(proof);
    if (treeSize <= 0 || index < 0 || index >= treeSize) {
      throw new InvalidProofException(
          "leaf index " + index + " is outside a tree of size " + treeSize);
    }
    requireProofLength(proof, inclusionProofLength(index, treeSize), "inclusion");

    byte[] calculated = rootFromInclusionProof(leafHash, index, treeSize, proof);
    requireEqual("root", calculated, root);
  }

  /**
   * Verifies that the tree of {@code size2} leaves with root {@code root2} extends the tree of
   * {@code size1} leaves with root {@code root1}. Equal sizes need an empty proof and equal roots.
   * A proof from size 0 is rejected, even to size 0, because it proves nothing.
   */
  public static void verifyConsistency(
      long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof)
      throws InvalidProofException {
    if (size1 < 0 || size2 < size1) {
      throw new InvalidProofException(
          "first tree size " + size1 + " must be between 0 and the second tree size " + size2);
    }
    if (size1 == 0) {
      throw new InvalidProofException("consistency proof from the empty tree proves nothing");
    }
    requireHash("first root", root1);
    requireHash("second root", root2);
    requireProofHashes(proof);
    requireProofLength(proof, consistencyProofLength(size1, size2), "consistency");

    if (size1 == size2) {
      if (!MessageDigest.isEqual(root1, root2)) {
        throw new InvalidProofException(
            "roots of the two trees of size " + size1 + " differ, so they are not consistent");
      }
      return;
    }

    byte[][] roots = rootsFromConsistencyProof(size1, size2, root1, proof);
    requireEqual("first root", roots[0], root1);
    requireEqual("second root", roots[1], root2);
  }

  /**
   * Returns the number of nodes in the inclusion proof of leaf {@code index} in a tree.
   *
   * @throws IllegalArgumentException unless {@code 0 <= index < treeSize}
   */
  public static int inclusionProofLength(long index, long treeSize) {
    if (index < 0 || index >= treeSize) {
      throw new IllegalArgumentException(
          "leaf index " + index + " is outside a tree of size " + treeSize);
    }

    // Every level below the point where the paths to the leaf and to the last leaf diverge has a
    // sibling. Above it, the leaf's path has a left sibling for each set bit of its index.
    int inner = 64 - Long.numberOfLeadingZeros(index ^ (treeSize - 1));
    int border = Long.bitCount(index >>> inner);
    return inner + border;
  }

  /**
   * Returns the number of nodes in the consistency proof between two sizes, 0 when equal.
   *
   * @throws IllegalArgumentException unless {@code 0 < size1 <= size2}
   */
  public static int consistencyProofLength(long size1, long size2) {
    if (size1 <= 0 || size2 < size1) {
      throw new IllegalArgumentException(
          "first tree size "
              + size1
              + " must be positive and at most the second tree size "
              + size2);
    }
    if (size1 == size2) {
      return 0;
    }
    // The proof is the inclusion proof of the old tree's last perfect subtree, seeded with that
    // subtree's hash, which the proof omits when the old tree is itself perfect.
    int level = Long.numberOfTrailingZeros(size1);
    long index = (size1 - 1) >>> level;
    long last = (size2 - 1) >>> level;
    int seed = Long.bitCount(size1) == 1 ? 0 : 1;
    return seed + inclusionProofLength(index, last + 1);
  }

  // RFC 9162 2.1.3.2 step 3 onwards, after the length check.
  private static byte[] rootFromInclusionProof(
      byte[] leafHash, long index, long treeSize, List<byte[]> proof) throws InvalidProofException {
    long fn = index;
    long sn = treeSize - 1;
    byte[] hash = leafHash;
    for (byte[] node : proof) {
      if (sn == 0) {
        throw new InvalidProofException("inclusion proof has more nodes than the tree has levels");
      }
      if ((fn & 1) == 1 || fn == sn) {
        hash = Rfc6962Hasher.nodeHash(node, hash);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        hash = Rfc6962Hasher.nodeHash(hash, node);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      throw new InvalidProofException("inclusion proof has fewer nodes than the tree has levels");
    }
    return hash;
  }

  // RFC 9162 2.1.4.2 steps 2 to 6. Returns the calculated first and second roots.
  private static byte[][] rootsFromConsistencyProof(
      long size1, long size2, byte[] root1, List<byte[]> proof) throws InvalidProofException {
    List<byte[]> path = new ArrayList<>(proof.size() + 1);
    if (Long.bitCount(size1) == 1) {
      path.add(root1);
    }
    path.addAll(proof);

    long fn = size1 - 1;
    long sn = size2 - 1;
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }

    byte[] first = path.get(0);
    byte[] second = path.get(0);
    for (byte[] node : path.subList(1, path.size())) {
      if (sn == 0) {
        throw new InvalidProofException(
            "consistency proof has more nodes than the tree has levels");
      }
      if ((fn & 1) == 1 || fn == sn) {
        first = Rfc6962Hasher.nodeHash(node, first);
        second = Rfc6962Hasher.nodeHash(node, second);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        second = Rfc6962Hasher.nodeHash(second, node);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      throw new InvalidProofException("consistency proof has fewer nodes than the tree has levels");
    }
    return new byte[][] {first, second};
  }

  private static void requireProofLength(List<byte[]> proof, int expected, String kind)
      throws InvalidProofException {
    if (proof.size() != expected) {
      throw new InvalidProofException(
          kind + " proof has " + proof.size() + " nodes, expected " + expected);
    }
  }

  private static void requireProofHashes(List<byte[]> proof) throws InvalidProofException {
    for (int i = 0; i < proof.size(); i++) {
      requireHash("proof node " + i, proof.get(i));
    }
  }

  private static void requireHash(String name, byte[] hash) throws InvalidProofException {
    if (hash == null) {
      throw new InvalidProofException(name + " is missing");
    }
    if (hash.length != Rfc6962Hasher.HASH_SIZE) {
      throw new InvalidProofException(
          name + " has " + hash.length + " bytes, expected " + Rfc6962Hasher.HASH_SIZE);
    }
  }

  private static void requireEqual(String name, byte[] calculated, byte[] expected)
      throws InvalidProofException {
    if (!MessageDigest.isEqual(calculated, expected)) {
      throw new InvalidProofException(
          "calculated "
              + name
              + " "
              + HEX.formatHex(calculated)
              + " does not match the expected "
              + HEX.formatHex(expected));
    }
  }
}
