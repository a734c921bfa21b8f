package dev.custos.audit.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * The RFC 9162 section 2.1 definitions of MTH, PATH and PROOF, written recursively over all leaf
 * hashes. Slow, but independent of {@link MerkleTree}'s stored subtrees, so tests compare the two.
 */
final class ReferenceMerkle {
  private ReferenceMerkle() {}

  static byte[] root(List<byte[]> leaves) {
    if (leaves.isEmpty()) {
      return Rfc6962Hasher.emptyRoot();
    }
    if (leaves.size() == 1) {
      return leaves.get(0);
    }
    int k = splitPoint(leaves.size());
    return Rfc6962Hasher.nodeHash(
        root(leaves.subList(0, k)), root(leaves.subList(k, leaves.size())));
  }

  static List<byte[]> path(int index, List<byte[]> leaves) {
    List<byte[]> proof = new ArrayList<>();
    if (leaves.size() <= 1) {
      return proof;
    }
    int k = splitPoint(leaves.size());
    if (index < k) {
      proof.addAll(path(index, leaves.subList(0, k)));
      proof.add(root(leaves.subList(k, leaves.size())));
    } else {
      proof.addAll(path(index - k, leaves.subList(k, leaves.size())));
      proof.add(root(leaves.subList(0, k)));
    }
    return proof;
  }

  static List<byte[]> consistency(int from, List<byte[]> leaves) {
    return subproof(from, leaves, true);
  }

  private static List<byte[]> subproof(int m, List<byte[]> leaves, boolean complete) {
    List<byte[]> proof = new ArrayList<>();
    int n = leaves.size();
    if (m == n) {
      if (!complete) {
        proof.add(root(leaves));
      }
      return proof;
    }
    int k = splitPoint(n);
    if (m <= k) {
      proof.addAll(subproof(m, leaves.subList(0, k), complete));
      proof.add(root(leaves.subList(k, n)));
    } else {
      proof.addAll(subproof(m - k, leaves.subList(k, n), false));
      proof.add(root(leaves.subList(0, k)));
    }
    return proof;
  }

  /** Returns the largest power of two strictly below n. */
  private static int splitPoint(int n) {
    return Integer.highestOneBit(n - 1);
  }
}
