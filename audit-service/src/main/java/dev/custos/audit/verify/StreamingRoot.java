package dev.custos.audit.verify;

import dev.custos.audit.merkle.Rfc6962Hasher;
import java.util.ArrayList;
import java.util.List;

/**
 * The RFC 9162 root of a sequence of leaf hashes, computed while they arrive. It keeps one perfect
 * subtree hash per set bit of the size, so an export of any length needs memory for at most 63
 * hashes.
 */
final class StreamingRoot {
  private final List<byte[]> subtrees = new ArrayList<>();
  private long size;

  /** Appends the next leaf hash. */
  void append(byte[] leafHash) {
    byte[] hash = leafHash;
    // Each trailing 1 bit of the size is a subtree as large as the one being built, so they merge.
    for (long bits = size; (bits & 1) == 1; bits >>>= 1) {
      hash = Rfc6962Hasher.nodeHash(subtrees.remove(subtrees.size() - 1), hash);
    }
    subtrees.add(hash);
    size++;
  }

  long size() {
    return size;
  }

  /** Returns the root of the leaves appended so far. */
  byte[] root() {
    if (subtrees.isEmpty()) {
      return Rfc6962Hasher.emptyRoot();
    }
    byte[] root = subtrees.get(subtrees.size() - 1);
    for (int i = subtrees.size() - 2; i >= 0; i--) {
      root = Rfc6962Hasher.nodeHash(subtrees.get(i), root);
    }
    return root;
  }
}
