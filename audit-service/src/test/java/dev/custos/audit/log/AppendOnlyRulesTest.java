package dev.custos.audit.log;

import static dev.custos.audit.log.LogFixtures.count;
import static dev.custos.audit.log.LogFixtures.entries;
import static dev.custos.audit.log.LogFixtures.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.audit.checkpoint.Checkpoint;
import dev.custos.audit.checkpoint.NoteSigner;
import dev.custos.audit.merkle.InMemoryHashStore;
import dev.custos.audit.merkle.MerkleTree;
import dev.custos.audit.merkle.NodeId;
import dev.custos.audit.merkle.Rfc6962Hasher;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AppendOnlyRulesTest {
  private static final String ORIGIN = "custos.test/audit";

  private static LogDatabase database;

  @BeforeAll
  static void appendEntries() {
    database = LogDatabase.create("append_only");
    AuditLog.open(database.service()).append(entries(0, 10));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "UPDATE audit_entries SET event_type = 'x'",
        "DELETE FROM audit_entries",
        "TRUNCATE audit_entries",
        "UPDATE audit_nodes SET hash = sha256('x')",
        "DELETE FROM audit_nodes",
        "TRUNCATE audit_nodes",
        "UPDATE audit_tree_sizes SET tree_size = 99",
        "DELETE FROM audit_tree_sizes",
        "TRUNCATE audit_tree_sizes",
        "UPDATE audit_published SET leaf_index = 99",
        "DELETE FROM audit_published",
        "TRUNCATE audit_published",
        "UPDATE audit_checkpoints SET note = 'x'",
        "DELETE FROM audit_checkpoints",
        "TRUNCATE audit_checkpoints"
      })
  void serviceRoleLacksPrivilege(String statement) {
    assertThatThrownBy(() -> execute(database.service(), statement))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("permission denied for table");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "UPDATE audit_entries SET event_type = 'x' WHERE leaf_index = 0",
        "DELETE FROM audit_entries WHERE leaf_index = 9",
        "TRUNCATE audit_entries CASCADE",
        "UPDATE audit_nodes SET hash = sha256('x') WHERE node_level = 0 AND node_index = 0",
        "DELETE FROM audit_nodes",
        "TRUNCATE audit_nodes",
        "UPDATE audit_tree_sizes SET tree_size = 99",
        "DELETE FROM audit_tree_sizes",
        "TRUNCATE audit_tree_sizes",
        "UPDATE audit_published SET leaf_index = 99",
        "DELETE FROM audit_published",
        "TRUNCATE audit_published",
        "UPDATE audit_checkpoints SET note = 'x'",
        "DELETE FROM audit_checkpoints",
        "TRUNCATE audit_checkpoints"
      })
  void ownerChangeFailsOnTrigger(String statement) {
    assertThatThrownBy(() -> execute(database.owner(), statement))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("is not allowed: the audit log is append-only");
  }

  @Test
  void deleteRejectedWhenNoRowMatches() {
    assertThatThrownBy(
            () -> execute(database.owner(), "DELETE FROM audit_entries WHERE leaf_index < 0"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("DELETE on audit_entries is not allowed");
  }

  @Test
  void triggersFireUnderReplicaRole() throws Exception {
    try (Connection connection = database.superuser().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("SET session_replication_role = replica");

      assertThatThrownBy(() -> statement.execute("UPDATE audit_entries SET event_type = 'x'"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("UPDATE on audit_entries is not allowed");
      assertThatThrownBy(() -> statement.execute("DELETE FROM audit_nodes"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("DELETE on audit_nodes is not allowed");
      assertThatThrownBy(() -> statement.execute("TRUNCATE audit_tree_sizes"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("TRUNCATE on audit_tree_sizes is not allowed");
    }
    assertThat(count(database.service(), "audit_entries")).isEqualTo(10);
  }

  @Test
  void triggersEnabledAlways() throws Exception {
    List<String> states = new ArrayList<>();
    try (Connection connection = database.service().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT t.tgname, t.tgenabled FROM pg_trigger t"
                    + " JOIN pg_class c ON c.oid = t.tgrelid"
                    + " WHERE c.relname LIKE 'audit\\_%' AND NOT t.tgisinternal")) {
      while (rows.next()) {
        states.add(rows.getString(1) + "=" + rows.getString(2));
      }
    }

    assertThat(states).hasSize(14).allMatch(state -> state.endsWith("=A"));
  }

  @Test
  void serviceRoleCannotLockRows() {
    // Why the sequencer takes an advisory lock: FOR UPDATE needs the UPDATE privilege.
    assertThatThrownBy(
            () ->
                execute(
                    database.service(),
                    "SELECT tree_size FROM audit_tree_sizes ORDER BY tree_size DESC LIMIT 1"
                        + " FOR UPDATE"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("permission denied for table audit_tree_sizes");
  }

  @Test
  void leafIndexGapRejected() {
    assertThatThrownBy(
            () ->
                execute(
                    database.service(),
                    "INSERT INTO audit_entries (leaf_index, event_id, event_type, event_source,"
                        + " entry, leaf_hash) VALUES (11, 'gap', 't', '/s', '\\x7b7d',"
                        + " sha256('\\x007b7d'))"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("leaf index 11 is not next: leaf 10 is missing");
  }

  @Test
  void treeSizeBeyondEntriesRejected() {
    assertThatThrownBy(
            () -> execute(database.service(), "INSERT INTO audit_tree_sizes VALUES (11)"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("tree size 11 does not follow the stored size and entries");
  }

  @Test
  void publishedProgressMustGrow() throws Exception {
    execute(database.service(), "INSERT INTO audit_published (leaf_index) VALUES (4)");

    assertThatThrownBy(
            () ->
                execute(database.service(), "INSERT INTO audit_published (leaf_index) VALUES (3)"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("published leaf index 3 does not follow the stored progress");
    assertThatThrownBy(
            () ->
                execute(database.service(), "INSERT INTO audit_published (leaf_index) VALUES (10)"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("published leaf index 10 does not follow");
  }

  @Test
  void checkpointMustGrowWithinTree() throws Exception {
    execute(
        database.service(),
        "INSERT INTO audit_checkpoints (tree_size, root_hash, note) VALUES (5, sha256('x'), 'n')");

    assertThatThrownBy(
            () ->
                execute(
                    database.service(),
                    "INSERT INTO audit_checkpoints (tree_size, root_hash, note)"
                        + " VALUES (5, sha256('y'), 'n')"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("checkpoint tree size 5 does not follow");
    assertThatThrownBy(
            () ->
                execute(
                    database.service(),
                    "INSERT INTO audit_checkpoints (tree_size, root_hash, note)"
                        + " VALUES (11, sha256('y'), 'n')"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("checkpoint tree size 11 does not follow");
  }

  @Test
  void superuserTamperingDetected() throws Exception {
    LogDatabase tampered = LogDatabase.create("tampered");
    AuditLog log = AuditLog.open(tampered.service());
    log.append(entries(0, 10));
    NoteSigner signer = NoteSigner.fromSeed(ORIGIN, new byte[32]);
    String signedCheckpoint = new Checkpoint(ORIGIN, log.size(), log.root()).sign(List.of(signer));

    execute(
        tampered.superuser(),
        "ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only",
        "UPDATE audit_entries SET entry = convert_to(replace(convert_from(entry, 'UTF8'),"
            + " '\"denied\"', '\"allowed\"'), 'UTF8') WHERE leaf_index = 3",
        "ALTER TABLE audit_entries ENABLE ALWAYS TRIGGER audit_entries_append_only");

    Checkpoint checkpoint = Checkpoint.open(signedCheckpoint, ORIGIN, List.of(signer.verifier()));
    List<byte[]> entries = storedEntries(tampered.service());
    assertThat(new String(entries.get(3), "UTF-8")).contains("\"decision\":\"allowed\"");
    assertThat(recomputedRoot(entries)).isNotEqualTo(checkpoint.rootHash());
    byte[] storedLeaf =
        new PostgresHashStore(tampered.service()).read(List.of(new NodeId(0, 3))).get(0);
    assertThat(Rfc6962Hasher.leafHash(entries.get(3))).isNotEqualTo(storedLeaf);
    assertThat(new MerkleTree(new PostgresHashStore(tampered.service())).root())
        .isEqualTo(checkpoint.rootHash());
  }

  private static List<byte[]> storedEntries(DataSource dataSource) throws SQLException {
    List<byte[]> entries = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT entry FROM audit_entries ORDER BY leaf_index")) {
      while (rows.next()) {
        entries.add(rows.getBytes(1));
      }
    }
    return entries;
  }

  private static byte[] recomputedRoot(List<byte[]> entries) {
    MerkleTree tree = new MerkleTree(new InMemoryHashStore());
    List<byte[]> leafHashes = new ArrayList<>();
    for (byte[] entry : entries) {
      leafHashes.add(Rfc6962Hasher.leafHash(entry));
    }
    tree.append(leafHashes);
    return tree.root();
  }
}
