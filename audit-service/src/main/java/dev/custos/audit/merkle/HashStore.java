package dev.custos.audit.merkle;

import java.util.List;

/**
 * Storage of a Merkle tree's perfect subtree hashes, addressed by {@link NodeId}. Level 0 contains
 * the leaf hashes. A node exists once the tree has grown to cover all its leaves, and never changes
 * after that, so a store only ever inserts.
 *
 * <p>{@link MerkleTree} reads every node of a root or proof in one {@link #read} call, so a
 * database-backed store can fetch them in one query.
 */
public interface HashStore {

  /** Number of leaves stored. */
  long size();

  /**
   * Reads the hashes of the given nodes, in the order given. Every node must be complete within
   * {@link #size()}.
   *
   * @throws IllegalArgumentException if a node is not complete within the stored size
   */
  List<byte[]> read(List<NodeId> nodes);

  /**
   * Stores the nodes that appending leaves completed, and the new size. The nodes include the new
   * leaf hashes at level 0 and every higher node whose last leaf is among them.
   *
   * @throws IllegalArgumentException if {@code newSize} is smaller than the stored size
   */
  void write(long newSize, List<Node> nodes);

  /** A node and its hash. */
  record Node(NodeId id, byte[] hash) {}
}
