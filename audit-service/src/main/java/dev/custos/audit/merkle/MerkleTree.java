package dev.custos.audit.merkle;

import dev.custos.audit.merkle.HashStore.Node;
import dev.custos.audit.merkle.Subtrees.LeafRange;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only RFC 9162 Merkle tree over a {@link HashStore} of perfect subtree hashes. Roots and
 * proofs for any size up to the current one read O(log n) hashes in one {@link HashStore#read}
 * call, and never the whole tree.
 *
 * <p>Appends must come from one thread, the log's single sequencer. Roots and proofs may be
 * computed from other threads if the store is thread-safe.
 */
public final class MerkleTree {
  private final HashStore store;
  private volatile CompactRange border;

  /** Opens the tree in the store, at the store's size. */
  public MerkleTree(HashStore store) {
    this.store = store;
    this.border = CompactRange.load(store, store.size());
  }

  /** Number of leaves in the tree. */
  public long size() {
    return border.size();
  }

  /** Returns the root hash at the current size, without reading the store. */
  public byte[] root() {
    return border.root();
  }

  /**
   * Appends leaf hashes, writes the leaves and the subtrees they complete to the store in one
   * {@link HashStore#write} call, and returns the new size. The tree is unchanged if the write
   * fails.
   */
  public long append(List<byte[]> leafHashes) {
    for (byte[] leafHash : leafHashes) {
      requireHashSize(leafHash);
    }

    CompactRange next = border.copy();
    List<Node> completed = new ArrayList<>(2 * leafHashes.size());
    for (byte[] leafHash : leafHashes) {
      completed.addAll(next.append(leafHash.clone()));
    }

    store.write(next.size(), completed);
    border = next;
    return next.size();
  }

  /** Returns the root hash of the tree when it had {@code size} leaves. */
  public byte[] root(long size) {
    requireSize("tree size", size);
    if (size == 0) {
      return Rfc6962Hasher.emptyRoot();
    }
    return hashRanges(List.of(new LeafRange(0, size))).get(0);
  }

  /**
   * Returns the inclusion proof of leaf {@code index} in the tree of {@code treeSize} leaves, as
   * RFC 9162 section 2.1.3.1 defines it.
   *
   * @throws IllegalArgumentException unless {@code 0 <= index < treeSize <= size()}
   */
  public List<byte[]> inclusionProof(long index, long treeSize) {
    requireSize("tree size", treeSize);
    if (index < 0 || index >= treeSize) {
      throw new IllegalArgumentException(
          "leaf index " + index + " is outside a tree of size " + treeSize);
    }
    return hashRanges(Subtrees.inclusionRanges(index, treeSize));
  }

  /**
   * Returns the consistency proof from the tree of {@code from} leaves to the tree of {@code to}
   * leaves, as RFC 9162 section 2.1.4.1 defines it. It is empty when the sizes are equal.
   *
   * @throws IllegalArgumentException unless {@code 0 < from <= to <= size()}, because a proof from
   *     the empty tree proves nothing
   */
  public List<byte[]> consistencyProof(long from, long to) {
    requireSize("second tree size", to);
    if (from <= 0 || from > to) {
      throw new IllegalArgumentException(
          "first tree size " + from + " must be positive and at most the second tree size " + to);
    }
    return hashRanges(Subtrees.consistencyRanges(from, to));
  }

  private void requireSize(String name, long size) {
    long current = size();
    if (size < 0 || size > current) {
      throw new IllegalArgumentException(
          name + " " + size + " is outside 0.." + current + ", the current size of the tree");
    }
  }

  /** Reads the perfect subtrees of all ranges in one call and returns each range's tree hash. */
  private List<byte[]> hashRanges(List<LeafRange> ranges) {
    List<NodeId> nodes = new ArrayList<>();
    List<Integer> nodeCounts = new ArrayList<>(ranges.size());
    for (LeafRange range : ranges) {
      List<NodeId> rangeNodes = Subtrees.perfectSubtrees(range.begin(), range.end());
      nodes.addAll(rangeNodes);
      nodeCounts.add(rangeNodes.size());
    }

    List<byte[]> hashes = store.read(nodes);
    List<byte[]> rangeHashes = new ArrayList<>(ranges.size());
    int start = 0;
    for (int count : nodeCounts) {
      rangeHashes.add(foldRight(hashes.subList(start, start + count)));
      start += count;
    }
    return rangeHashes;
  }

  private static byte[] foldRight(List<byte[]> subtreeHashes) {
    byte[] hash = subtreeHashes.get(subtreeHashes.size() - 1);
    for (int i = subtreeHashes.size() - 2; i >= 0; i--) {
      hash = Rfc6962Hasher.nodeHash(subtreeHashes.get(i), hash);
    }
    return hash;
  }

  private static void requireHashSize(byte[] hash) {
    if (hash.length != Rfc6962Hasher.HASH_SIZE) {
      throw new IllegalArgumentException(
          "leaf hash has " + hash.length + " bytes, expected " + Rfc6962Hasher.HASH_SIZE);
    }
  }
}
