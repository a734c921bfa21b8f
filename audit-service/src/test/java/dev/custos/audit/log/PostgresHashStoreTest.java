package dev.custos.audit.log;

import static dev.custos.audit.log.LogFixtures.entries;
import static dev.custos.audit.log.LogFixtures.referenceTree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.audit.entry.LogEntry;
import dev.custos.audit.merkle.HashStore.Node;
import dev.custos.audit.merkle.MerkleTree;
import dev.custos.audit.merkle.NodeId;
import dev.custos.audit.merkle.ProofVerifier;
import dev.custos.audit.merkle.Rfc6962Hasher;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresHashStoreTest {
  private static final int[] BATCH_SIZES = {1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 1, 4, 9};

  private static LogDatabase database;
  private static MerkleTree reference;
  private static MerkleTree stored;
  private static int total;

  @BeforeAll
  static void appendInBatches() {
    database = LogDatabase.create("hash_store");
    AuditLog log = AuditLog.open(database.service());
    for (int size : BATCH_SIZES) {
      log.append(entries(total, total + size));
      total += size;
    }
    List<LogEntry> all = entries(0, total);
    reference = referenceTree(all);
    stored = new MerkleTree(new PostgresHashStore(database.service()));
  }

  @Test
  void sizeIsLastAppend() {
    assertThat(new PostgresHashStore(database.service()).size()).isEqualTo(total);
    assertThat(stored.size()).isEqualTo(total);
  }

  @Test
  void rootsMatchInMemoryStore() {
    for (long size = 0; size <= total; size++) {
      assertThat(stored.root(size)).as("root at size %d", size).isEqualTo(reference.root(size));
    }
  }

  @Test
  void inclusionProofsMatchInMemoryStore() throws Exception {
    for (long size = 1; size <= total; size += 13) {
      for (long index = 0; index < size; index += 5) {
        List<byte[]> proof = stored.inclusionProof(index, size);
        assertThat(proof)
            .as("inclusion proof of %d in %d", index, size)
            .containsExactlyElementsOf(reference.inclusionProof(index, size));
        byte[] leafHash = Rfc6962Hasher.leafHash(LogFixtures.entry((int) index).canonicalBytes());
        ProofVerifier.verifyInclusion(leafHash, index, size, proof, stored.root(size));
      }
    }
  }

  @Test
  void consistencyProofsMatchInMemoryStore() throws Exception {
    for (long from = 1; from <= total; from += 9) {
      for (long to = from; to <= total; to += 17) {
        List<byte[]> proof = stored.consistencyProof(from, to);
        assertThat(proof)
            .as("consistency proof from %d to %d", from, to)
            .containsExactlyElementsOf(reference.consistencyProof(from, to));
        ProofVerifier.verifyConsistency(from, to, stored.root(from), stored.root(to), proof);
      }
    }
  }

  @Test
  void readReturnsRequestedOrder() {
    PostgresHashStore store = new PostgresHashStore(database.service());
    List<NodeId> nodes = List.of(new NodeId(3, 1), new NodeId(0, 0), new NodeId(5, 0));

    List<byte[]> hashes = store.read(nodes);

    assertThat(hashes).hasSize(3);
    assertThat(hashes.get(1)).isEqualTo(reference.inclusionProof(1, 2).get(0));
    assertThat(hashes.get(2)).isEqualTo(reference.root(32));
  }

  @Test
  void readOfMissingNodeRejected() {
    PostgresHashStore store = new PostgresHashStore(database.service());
    NodeId beyond = new NodeId(0, total);

    assertThatThrownBy(() -> store.read(List.of(new NodeId(0, 0), beyond)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(beyond.toString());
  }

  @Test
  void writeOutsideTransactionRejected() {
    PostgresHashStore store = new PostgresHashStore(database.service());
    Node node = new Node(new NodeId(0, total), new byte[Rfc6962Hasher.HASH_SIZE]);

    assertThatThrownBy(() -> store.write(total + 1, List.of(node)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("append transaction");
  }
}
