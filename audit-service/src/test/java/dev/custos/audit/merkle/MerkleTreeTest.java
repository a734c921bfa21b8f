package dev.custos.audit.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {

  @Test
  void emptyTreeHasEmptyRoot() {
    MerkleTree tree = new MerkleTree(new InMemoryHashStore());

    assertThat(tree.size()).isZero();
    assertThat(tree.root()).isEqualTo(Rfc6962Hasher.emptyRoot());
    assertThat(tree.root(0)).isEqualTo(Rfc6962Hasher.emptyRoot());
  }

  @Test
  void batchAndSingleAppendsAgree() {
    List<byte[]> leaves = leafHashes(37);
    MerkleTree batched = new MerkleTree(new InMemoryHashStore());
    MerkleTree single = new MerkleTree(new InMemoryHashStore());

    batched.append(leaves);
    for (byte[] leaf : leaves) {
      single.append(List.of(leaf));
    }

    assertThat(batched.root()).isEqualTo(single.root());
    assertThat(batched.root(37)).isEqualTo(batched.root());
  }

  @Test
  void appendStoresEveryCompletedSubtree() {
    InMemoryHashStore store = new InMemoryHashStore();
    MerkleTree tree = new MerkleTree(store);

    tree.append(leafHashes(8));

    byte[] top = store.read(List.of(new NodeId(3, 0))).get(0);
    assertThat(top).isEqualTo(tree.root());
  }

  @Test
  void failedWriteLeavesTreeUnchanged() {
    InMemoryHashStore store = new InMemoryHashStore();
    MerkleTree tree = new MerkleTree(new FailingWriteStore(store));
    byte[] emptyRoot = tree.root();

    assertThatThrownBy(() -> tree.append(leafHashes(3))).isInstanceOf(IllegalStateException.class);

    assertThat(tree.size()).isZero();
    assertThat(tree.root()).isEqualTo(emptyRoot);
  }

  @Test
  void appendRejectsShortLeafHash() {
    MerkleTree tree = new MerkleTree(new InMemoryHashStore());

    assertThatThrownBy(() -> tree.append(List.of(new byte[20])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("leaf hash has 20 bytes, expected 32");
  }

  @Test
  void proofBeyondSizeIsRejected() {
    MerkleTree tree = new MerkleTree(new InMemoryHashStore());
    tree.append(leafHashes(4));

    assertThatThrownBy(() -> tree.inclusionProof(0, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tree size 5 is outside 0..4, the current size of the tree");
  }

  @Test
  void inclusionIndexAtSizeIsRejected() {
    MerkleTree tree = new MerkleTree(new InMemoryHashStore());
    tree.append(leafHashes(4));

    assertThatThrownBy(() -> tree.inclusionProof(4, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("leaf index 4 is outside a tree of size 4");
  }

  @Test
  void consistencyFromZeroIsRejected() {
    MerkleTree tree = new MerkleTree(new InMemoryHashStore());
    tree.append(leafHashes(4));

    assertThatThrownBy(() -> tree.consistencyProof(0, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("first tree size 0 must be positive and at most the second tree size 4");
  }

  @Test
  void equalSizesHaveEmptyConsistencyProof() {
    MerkleTree tree = new MerkleTree(new InMemoryHashStore());
    tree.append(leafHashes(4));

    assertThat(tree.consistencyProof(3, 3)).isEmpty();
  }

  @Test
  void proofsAtTenMillionReadLogarithmically() {
    long size = 10_000_000L;
    CountingStore store = new CountingStore(size);
    MerkleTree tree = new MerkleTree(store);
    int levels = 64 - Long.numberOfLeadingZeros(size - 1);

    for (long index : new long[] {0, 4_999_999, 9_999_998, size - 1}) {
      store.reset();
      tree.inclusionProof(index, size);
      assertThat(store.calls).as("read calls for index %d", index).isEqualTo(1);
      assertThat(store.nodesRead).as("nodes read for index %d", index).isLessThan(2 * levels);
    }

    store.reset();
    tree.consistencyProof(3_333_333, size);
    assertThat(store.calls).isEqualTo(1);
    assertThat(store.nodesRead).isLessThan(3 * levels);
  }

  @Test
  void reopenLoadsRightBorderOnly() {
    CountingStore store = new CountingStore(10_000_000L);

    new MerkleTree(store);

    // 10,000,000 has eight set bits, one perfect subtree each.
    assertThat(store.nodesRead).isEqualTo(Long.bitCount(10_000_000L));
  }

  private static List<byte[]> leafHashes(int count) {
    List<byte[]> hashes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      hashes.add(Rfc6962Hasher.leafHash(ByteBuffer.allocate(4).putInt(i).array()));
    }
    return hashes;
  }

  /** A store that rejects writes, to check that a failed append changes nothing. */
  private static final class FailingWriteStore implements HashStore {
    private final HashStore delegate;

    FailingWriteStore(HashStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public long size() {
      return delegate.size();
    }

    @Override
    public List<byte[]> read(List<NodeId> nodes) {
      return delegate.read(nodes);
    }

    @Override
    public void write(long newSize, List<Node> nodes) {
      throw new IllegalStateException("write failed");
    }
  }

  /**
   * A store of a given size whose node hashes are derived from their position, and which counts
   * reads. The hashes form no real tree; the tests count reads only.
   */
  private static final class CountingStore implements HashStore {
    private final long size;
    int calls;
    int nodesRead;

    CountingStore(long size) {
      this.size = size;
    }

    void reset() {
      calls = 0;
      nodesRead = 0;
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public List<byte[]> read(List<NodeId> nodes) {
      calls++;
      nodesRead += nodes.size();
      List<byte[]> hashes = new ArrayList<>();
      for (NodeId node : nodes) {
        assertThat(node.endLeaf()).as("node %s", node).isLessThanOrEqualTo(size);
        byte[] position =
            ByteBuffer.allocate(12).putInt(node.level()).putLong(node.index()).array();
        hashes.add(Rfc6962Hasher.leafHash(position));
      }
      return hashes;
    }

    @Override
    public void write(long newSize, List<Node> nodes) {
      throw new UnsupportedOperationException();
    }
  }
}
