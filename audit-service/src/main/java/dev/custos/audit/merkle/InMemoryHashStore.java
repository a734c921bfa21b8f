package dev.custos.audit.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link HashStore} that keeps every perfect subtree hash in memory, one list per level. It
 * stores about 2n hashes for n leaves, so it suits tests and offline verification of small logs. It
 * is thread-safe.
 */
public final class InMemoryHashStore implements HashStore {
  private final List<List<byte[]>> levels = new ArrayList<>();
  private long size;

  @Override
  public synchronized long size() {
    return size;
  }

  @Override
  public synchronized List<byte[]> read(List<NodeId> nodes) {
    List<byte[]> hashes = new ArrayList<>(nodes.size());
    for (NodeId node : nodes) {
      if (node.endLeaf() > size) {
        throw new IllegalArgumentException(
            "node " + node + " is not complete in a tree of size " + size);
      }
      hashes.add(levels.get(node.level()).get(Math.toIntExact(node.index())).clone());
    }
    return hashes;
  }

  @Override
  public synchronized void write(long newSize, List<Node> nodes) {
    if (newSize < size) {
      throw new IllegalArgumentException(
          "new size " + newSize + " is smaller than the stored size " + size);
    }
    for (Node node : nodes) {
      store(node);
    }
    size = newSize;
  }

  private void store(Node node) {
    NodeId id = node.id();
    while (levels.size() <= id.level()) {
      levels.add(new ArrayList<>());
    }
    List<byte[]> level = levels.get(id.level());

    // Appends complete nodes left to right, so a new node is always next at its level.
    if (id.index() != level.size()) {
      throw new IllegalArgumentException(
          "node " + id + " is not the next node at its level, which has " + level.size());
    }
    level.add(node.hash().clone());
  }
}
