package dev.custos.audit.merkle;

/**
 * Position of a perfect subtree: the node at {@code level} (0 for a leaf) and {@code index} from
 * the left within that level. It covers the 2^level leaves from {@code index << level} up to, not
 * including, {@code (index + 1) << level}.
 */
public record NodeId(int level, long index) {
  /** Maximum level: a subtree of 2^62 leaves is the largest whose leaf range fits in a long. */
  public static final int MAX_LEVEL = 62;

  public NodeId {
    if (level < 0 || level > MAX_LEVEL) {
      throw new IllegalArgumentException("node level must be 0.." + MAX_LEVEL + ", was " + level);
    }
    if (index < 0 || index > (Long.MAX_VALUE >> level)) {
      throw new IllegalArgumentException(
          "node index " + index + " at level " + level + " is out of range");
    }
  }

  /** Index of the first leaf under this node. */
  public long firstLeaf() {
    return index << level;
  }

  /** Number of leaves needed for this node to be complete: the index of its last leaf plus one. */
  public long endLeaf() {
    return (index + 1) << level;
  }
}
