package dev.custos.audit.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * The leaf ranges whose tree hashes make up RFC 9162 proofs (section 2.1.3.1 for inclusion, 2.1.4.1
 * for consistency), and their split into perfect subtrees.
 */
final class Subtrees {
  private Subtrees() {}

  /** Leaves from {@code begin} up to, not including, {@code end}. */
  record LeafRange(long begin, long end) {}

  /**
   * Returns the ranges of the inclusion proof of leaf {@code index} in a tree of {@code size}
   * leaves, in proof order (the sibling next to the leaf first).
   */
  static List<LeafRange> inclusionRanges(long index, long size) {
    List<LeafRange> ranges = new ArrayList<>();
    addPath(index, 0, size, ranges);
    return ranges;
  }

  /**
   * Returns the ranges of the consistency proof from a tree of {@code from} leaves to one of {@code
   * to} leaves, where {@code 0 < from <= to}, in proof order.
   */
  static List<LeafRange> consistencyRanges(long from, long to) {
    List<LeafRange> ranges = new ArrayList<>();
    if (from < to) {
      addSubproof(from, 0, to, true, ranges);
    }
    return ranges;
  }

  /**
   * Splits the leaves from {@code begin} to {@code end} into perfect subtrees, largest first. The
   * tree hash of the range is the right fold of their hashes when {@code begin} is a multiple of
   * the largest power of two below {@code end - begin}, as in every range of an RFC 9162 proof.
   */
  static List<NodeId> perfectSubtrees(long begin, long end) {
    List<NodeId> nodes = new ArrayList<>();
    long next = begin;
    while (next < end) {
      int level = 63 - Long.numberOfLeadingZeros(end - next);
      if (next != 0) {
        level = Math.min(level, Long.numberOfTrailingZeros(next));
      }
      nodes.add(new NodeId(level, next >> level));
      next += 1L << level;
    }
    return nodes;
  }

  // PATH(m, D[begin:end]) of RFC 9162 2.1.3.1, with m an absolute leaf index.
  private static void addPath(long index, long begin, long end, List<LeafRange> ranges) {
    if (end - begin == 1) {
      return;
    }
    long split = begin + largestPowerOfTwoBelow(end - begin);
    if (index < split) {
      addPath(index, begin, split, ranges);
      ranges.add(new LeafRange(split, end));
    } else {
      addPath(index, split, end, ranges);
      ranges.add(new LeafRange(begin, split));
    }
  }

  // SUBPROOF(m, D[begin:end], complete) of RFC 9162 2.1.4.1, with m an absolute leaf count.
  private static void addSubproof(
      long from, long begin, long end, boolean complete, List<LeafRange> ranges) {
    if (from == end) {
      if (!complete) {
        ranges.add(new LeafRange(begin, end));
      }
      return;
    }
    long split = begin + largestPowerOfTwoBelow(end - begin);
    if (from <= split) {
      addSubproof(from, begin, split, complete, ranges);
      ranges.add(new LeafRange(split, end));
    } else {
      addSubproof(from, split, end, false, ranges);
      ranges.add(new LeafRange(begin, split));
    }
  }

  /** Returns the largest power of two strictly below {@code n}, for {@code n >= 2}. */
  private static long largestPowerOfTwoBelow(long n) {
    return Long.highestOneBit(n - 1);
  }
}
