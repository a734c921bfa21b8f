package dev.custos.audit.merkle;

import dev.custos.audit.merkle.HashStore.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * The right border of a tree of some size: the perfect subtrees that cover its leaves, largest
 * first, one per set bit of the size. It is enough to append leaves and to compute the current root
 * without reading the store. Not thread-safe.
 */
final class CompactRange {
  private final List<Node> subtrees;
  private long size;

  private CompactRange(long size, List<Node> subtrees) {
    this.size = size;
    this.subtrees = subtrees;
  }

  /** Loads the border of a tree of {@code size} leaves from the store. */
  static CompactRange load(HashStore store, long size) {
    List<NodeId> ids = Subtrees.perfectSubtrees(0, size);
    List<byte[]> hashes = store.read(ids);
    List<Node> subtrees = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      subtrees.add(new Node(ids.get(i), hashes.get(i)));
    }
    return new CompactRange(size, subtrees);
  }

  CompactRange copy() {
    return new CompactRange(size, new ArrayList<>(subtrees));
  }

  long size() {
    return size;
  }

  /**
   * Appends a leaf hash and returns the nodes it completes: the leaf itself and each higher node
   * whose last leaf it is.
   */
  List<Node> append(byte[] leafHash) {
    List<Node> completed = new ArrayList<>();
    NodeId id = new NodeId(0, size);
    byte[] hash = leafHash;
    completed.add(new Node(id, hash));

    // A node with an odd index is a right child, and its left sibling is the smallest subtree.
    while ((id.index() & 1) == 1) {
      Node left = subtrees.remove(subtrees.size() - 1);
      hash = Rfc6962Hasher.nodeHash(left.hash(), hash);
      id = new NodeId(id.level() + 1, id.index() >> 1);
      completed.add(new Node(id, hash));
    }

    subtrees.add(new Node(id, hash));
    size++;
    return completed;
  }

  /** Returns the root hash of the tree, folding the subtrees from the smallest. */
  byte[] root() {
    if (subtrees.isEmpty()) {
      return Rfc6962Hasher.emptyRoot();
    }
    byte[] root = subtrees.get(subtrees.size() - 1).hash();
    for (int i = subtrees.size() - 2; i >= 0; i--) {
      root = Rfc6962Hasher.nodeHash(subtrees.get(i).hash(), root);
    }
    return root.clone();
  }
}
