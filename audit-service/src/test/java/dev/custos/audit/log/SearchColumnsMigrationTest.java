package dev.custos.audit.log;

import static dev.custos.audit.log.LogFixtures.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.audit.entry.LogEntry;
import dev.custos.audit.merkle.Rfc6962Hasher;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The search columns: the migration that adds them fills them for entries stored before it and
 * leaves the append-only trigger enabled as ENABLE ALWAYS, and appends fill them.
 */
class SearchColumnsMigrationTest {
  private static final String FIRST = "sha256:" + "a".repeat(64);
  private static final String SECOND = "sha256:" + "b".repeat(64);

  @Test
  void storedEntriesGetSearchColumns() throws Exception {
    LogDatabase database = LogDatabase.createAt("search_columns", "3");
    String decision =
        "{\"data\":{\"breakglass\":true,\"images\":[{\"digest\":\""
            + SECOND
            + "\"},{\"digest\":\""
            + FIRST
            + "\"}]},\"decision\":\"allowed\",\"id\":\"e-0\","
            + "\"source\":\"/custos/admission-service\",\"type\":\"dev.custos.admission.decision\"}";
    String push =
        "{\"data\":{\"breakglass\":true},\"id\":\"e-1\",\"source\":\"/custos/signer-service\","
            + "\"subject\":{\"digest\":\""
            + FIRST
            + "\"},\"type\":\"dev.custos.registry.image.pushed\"}";
    insertV3Entry(database, 0, "e-0", "dev.custos.admission.decision", decision);
    insertV3Entry(database, 1, "e-1", "dev.custos.registry.image.pushed", push);

    database.migrate("latest");

    try (Connection connection = database.service().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT decision, breakglass, digests FROM audit_entries ORDER BY leaf_index")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo("allowed");
      assertThat(rows.getBoolean(2)).isTrue();
      assertThat(digests(rows.getArray(3))).containsExactly(FIRST, SECOND);
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isNull();
      assertThat(rows.getBoolean(2)).as("breakglass of a push").isFalse();
      assertThat(digests(rows.getArray(3))).containsExactly(FIRST);
    }
    assertThat(triggerState(database)).isEqualTo("A");
    assertThatThrownBy(
            () -> execute(database.owner(), "UPDATE audit_entries SET decision = 'denied'"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("append-only");
  }

  @Test
  void appendFillsSearchColumns() throws Exception {
    LogDatabase database = LogDatabase.create("search_append");
    String odd = "sha256:x,\"y\\z";
    ObjectNode data = JsonNodeFactory.instance.objectNode().put("breakglass", true);
    data.putArray("images").addObject().put("digest", SECOND);
    data.withArray("images").addObject().put("digest", FIRST);
    AuditLog log = AuditLog.open(database.service());

    log.append(
        List.of(
            LogEntry.builder()
                .eventId("decision")
                .eventType("dev.custos.admission.decision")
                .source("/custos/admission-service")
                .decision("denied")
                .data(data)
                .build(),
            LogEntry.builder()
                .eventId("occurrence")
                .eventType("dev.custos.metadata.occurrence.created")
                .source("/custos/metadata-service")
                .digest(odd)
                .data(data)
                .build()));

    try (Connection connection = database.service().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT decision, breakglass, digests FROM audit_entries ORDER BY leaf_index")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo("denied");
      assertThat(rows.getBoolean(2)).isTrue();
      assertThat(digests(rows.getArray(3))).containsExactly(FIRST, SECOND);
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isNull();
      assertThat(rows.getBoolean(2)).as("breakglass outside a decision").isFalse();
      assertThat(digests(rows.getArray(3))).containsExactly(odd);
    }
  }

  private static void insertV3Entry(
      LogDatabase database, long leafIndex, String eventId, String type, String json)
      throws SQLException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    try (Connection connection = database.service().getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "INSERT INTO audit_entries (leaf_index, event_id, event_type, event_source, entry,"
                    + " leaf_hash) VALUES (?, ?, ?, '/custos/test', ?, ?)")) {
      statement.setLong(1, leafIndex);
      statement.setString(2, eventId);
      statement.setString(3, type);
      statement.setBytes(4, bytes);
      statement.setBytes(5, Rfc6962Hasher.leafHash(bytes));
      statement.executeUpdate();
    }
  }

  private static String triggerState(LogDatabase database) throws SQLException {
    try (Connection connection = database.owner().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT tgenabled FROM pg_trigger WHERE tgname = 'audit_entries_append_only'")) {
      rows.next();
      return rows.getString(1);
    }
  }

  private static String[] digests(Array array) throws SQLException {
    return (String[]) array.getArray();
  }
}
