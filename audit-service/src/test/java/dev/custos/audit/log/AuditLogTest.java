package dev.custos.audit.log;

import static dev.custos.audit.log.LogFixtures.count;
import static dev.custos.audit.log.LogFixtures.entries;
import static dev.custos.audit.log.LogFixtures.entry;
import static dev.custos.audit.log.LogFixtures.execute;
import static dev.custos.audit.log.LogFixtures.referenceTree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.audit.entry.LogEntry;
import dev.custos.audit.log.AppendResult.AppendedEntry;
import dev.custos.audit.merkle.MerkleTree;
import dev.custos.audit.merkle.Rfc6962Hasher;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuditLogTest {
  private LogDatabase database;

  @BeforeEach
  void createDatabase() {
    database = LogDatabase.create("audit_log");
  }

  @Test
  void appendsAndReadsBack() throws Exception {
    AuditLog log = AuditLog.open(database.service());
    List<LogEntry> entries = entries(0, 3);

    AppendResult result = log.append(entries);

    assertThat(result.treeSize()).isEqualTo(3);
    assertThat(result.appended()).extracting(AppendedEntry::leafIndex).containsExactly(0L, 1L, 2L);
    assertThat(result.duplicateEventIds()).isEmpty();
    assertThat(log.size()).isEqualTo(3);
    assertThat(log.root()).isEqualTo(referenceTree(entries).root());
    try (Connection connection = database.service().getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT event_id, event_type, event_source, event_time, subject_digest,"
                    + " subject_image, subject_namespace, subject_name, entry, leaf_hash"
                    + " FROM audit_entries WHERE leaf_index = 1")) {
      ResultSet row = query.executeQuery();
      assertThat(row.next()).isTrue();
      LogEntry expected = entries.get(1);
      assertThat(row.getString("event_id")).isEqualTo("event-1");
      assertThat(row.getString("event_type")).isEqualTo(expected.eventType());
      assertThat(row.getString("event_source")).isEqualTo(expected.source());
      assertThat(row.getObject("event_time", OffsetDateTime.class).toInstant())
          .isEqualTo(expected.time());
      assertThat(row.getString("subject_digest")).isEqualTo(LogFixtures.DIGEST);
      assertThat(row.getString("subject_image")).isEqualTo(expected.subject().image());
      assertThat(row.getString("subject_namespace")).isEqualTo("ns-1");
      assertThat(row.getString("subject_name")).isEqualTo("deploy-1");
      assertThat(row.getBytes("entry")).isEqualTo(expected.canonicalBytes());
      assertThat(row.getBytes("leaf_hash"))
          .isEqualTo(Rfc6962Hasher.leafHash(expected.canonicalBytes()))
          .isEqualTo(result.appended().get(1).leafHash());
    }
  }

  @Test
  void duplicateEventIdsSkipped() throws Exception {
    AuditLog log = AuditLog.open(database.service());
    log.append(entries(0, 3));

    AppendResult result = log.append(List.of(entry(1), entry(3), entry(3), entry(2)));

    assertThat(result.appended()).extracting(AppendedEntry::eventId).containsExactly("event-3");
    assertThat(result.appended().get(0).leafIndex()).isEqualTo(3);
    assertThat(result.duplicateEventIds())
        .containsExactlyInAnyOrder("event-1", "event-3", "event-2");
    assertThat(result.treeSize()).isEqualTo(4);
    assertThat(count(database.service(), "audit_entries")).isEqualTo(4);
    assertThat(log.root()).isEqualTo(referenceTree(entries(0, 4)).root());
  }

  @Test
  void onlyDuplicatesAppendNothing() throws Exception {
    AuditLog log = AuditLog.open(database.service());
    log.append(entries(0, 2));
    long sizeRows = count(database.service(), "audit_tree_sizes");

    AppendResult result = log.append(entries(0, 2));

    assertThat(result.appended()).isEmpty();
    assertThat(result.treeSize()).isEqualTo(2);
    assertThat(count(database.service(), "audit_tree_sizes")).isEqualTo(sizeRows);
  }

  @Test
  void failedAppendChangesNothing() throws Exception {
    AuditLog log = AuditLog.open(database.service());
    log.append(entries(0, 5));
    byte[] rootBefore = log.root();
    // A leaf node for index 5 already in place makes the nodes insert fail after the entries
    // insert of the next append succeeded.
    execute(
        database.superuser(),
        "INSERT INTO audit_nodes (node_level, node_index, hash) VALUES (0, 5, sha256('x'))");
    long entriesBefore = count(database.service(), "audit_entries");
    long nodesBefore = count(database.service(), "audit_nodes");
    long sizesBefore = count(database.service(), "audit_tree_sizes");

    assertThatThrownBy(() -> log.append(entries(5, 8)))
        .isInstanceOf(LogStoreException.class)
        .hasMessageContaining("writing");

    assertThat(count(database.service(), "audit_entries")).isEqualTo(entriesBefore);
    assertThat(count(database.service(), "audit_nodes")).isEqualTo(nodesBefore);
    assertThat(count(database.service(), "audit_tree_sizes")).isEqualTo(sizesBefore);
    assertThat(log.size()).isEqualTo(5);
    assertThat(log.root()).isEqualTo(rootBefore);
  }

  @Test
  void appendAfterFailureContinues() throws Exception {
    AuditLog log = AuditLog.open(database.service());
    log.append(entries(0, 5));
    execute(
        database.superuser(),
        "INSERT INTO audit_nodes (node_level, node_index, hash) VALUES (0, 5, sha256('x'))");
    assertThatThrownBy(() -> log.append(entries(5, 8))).isInstanceOf(LogStoreException.class);
    execute(
        database.superuser(),
        "ALTER TABLE audit_nodes DISABLE TRIGGER audit_nodes_append_only",
        "DELETE FROM audit_nodes WHERE node_level = 0 AND node_index = 5",
        "ALTER TABLE audit_nodes ENABLE ALWAYS TRIGGER audit_nodes_append_only");

    AppendResult result = log.append(entries(5, 8));

    assertThat(result.appended().get(0).leafIndex()).isEqualTo(5);
    assertThat(result.treeSize()).isEqualTo(8);
    assertThat(log.root()).isEqualTo(referenceTree(entries(0, 8)).root());
  }

  @Test
  void reopenedLogContinuesTree() throws Exception {
    AuditLog first = AuditLog.open(database.service());
    first.append(entries(0, 7));

    AuditLog reopened = AuditLog.open(database.service());
    assertThat(reopened.size()).isEqualTo(7);
    assertThat(reopened.root()).isEqualTo(first.root());
    reopened.append(entries(7, 20));

    MerkleTree reference = referenceTree(entries(0, 20));
    assertThat(reopened.root()).isEqualTo(reference.root());
    assertThat(reopened.tree().consistencyProof(7, 20))
        .containsExactlyElementsOf(reference.consistencyProof(7, 20));
  }

  @Test
  void secondWriterReopensTree() throws Exception {
    AuditLog first = AuditLog.open(database.service());
    AuditLog second = AuditLog.open(database.service());

    first.append(entries(0, 3));
    second.append(entries(3, 6));
    AppendResult last = first.append(entries(6, 9));

    assertThat(last.appended().get(0).leafIndex()).isEqualTo(6);
    assertThat(last.treeSize()).isEqualTo(9);
    assertThat(first.root()).isEqualTo(referenceTree(entries(0, 9)).root());
  }

  @Test
  void concurrentWritersKeepIndexesDense() throws Exception {
    AuditLog first = AuditLog.open(database.service());
    AuditLog second = AuditLog.open(database.service());
    List<Thread> writers = new ArrayList<>();
    List<Throwable> failures = new ArrayList<>();
    for (AuditLog log : List.of(first, second)) {
      int offset = writers.size() * 1000;
      Thread writer =
          new Thread(
              () -> {
                try {
                  for (int batch = 0; batch < 20; batch++) {
                    log.append(entries(offset + batch * 5, offset + batch * 5 + 5));
                  }
                } catch (RuntimeException e) {
                  synchronized (failures) {
                    failures.add(e);
                  }
                }
              });
      writers.add(writer);
      writer.start();
    }
    for (Thread writer : writers) {
      writer.join();
    }

    assertThat(failures).isEmpty();
    assertThat(count(database.service(), "audit_entries")).isEqualTo(200);
    try (Connection connection = database.service().getConnection();
        ResultSet row =
            connection
                .createStatement()
                .executeQuery("SELECT min(leaf_index), max(leaf_index) FROM audit_entries")) {
      row.next();
      assertThat(row.getLong(1)).isZero();
      assertThat(row.getLong(2)).isEqualTo(199);
    }
    AuditLog reopened = AuditLog.open(database.service());
    assertThat(reopened.size()).isEqualTo(200);
    assertThat(reopened.root()).isEqualTo(storedEntriesRoot());
  }

  private byte[] storedEntriesRoot() throws Exception {
    List<byte[]> leafHashes = new ArrayList<>();
    try (Connection connection = database.service().getConnection();
        ResultSet rows =
            connection
                .createStatement()
                .executeQuery("SELECT entry FROM audit_entries ORDER BY leaf_index")) {
      while (rows.next()) {
        leafHashes.add(Rfc6962Hasher.leafHash(rows.getBytes(1)));
      }
    }
    MerkleTree tree = referenceTree(List.of());
    tree.append(leafHashes);
    return tree.root();
  }
}
