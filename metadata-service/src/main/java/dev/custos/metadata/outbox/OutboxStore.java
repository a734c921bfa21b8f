package dev.custos.metadata.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Reads and marks outbox rows over JDBC, for the relay's own thread. Each relay batch runs in one
 * transaction that first takes a PostgreSQL advisory lock, so only one relay across all replicas
 * reads and publishes at a time.
 */
@ApplicationScoped
class OutboxStore {
  /**
   * Key of the transaction-level advisory lock that serializes relays. Any constant works as long
   * as nothing else in the database uses it: this one is "custos" in ASCII.
   */
  static final long RELAY_LOCK_KEY = 0x637573746f73L;

  private final DataSource dataSource;

  OutboxStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Opens a connection with auto-commit off, for one batch transaction. */
  Connection begin() throws SQLException {
    Connection connection = dataSource.getConnection();
    connection.setAutoCommit(false);

    return connection;
  }

  /**
   * Takes the relay lock for the rest of the transaction without waiting, and returns false when
   * another relay holds it.
   */
  boolean tryLock(Connection connection) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
      statement.setLong(1, RELAY_LOCK_KEY);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return result.getBoolean(1);
      }
    }
  }

  /** Returns up to {@code limit} unpublished rows, lowest id first. */
  List<OutboxRow> nextBatch(Connection connection, int limit) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT id, aggregate_name, event_type, CAST(payload AS text), created, event_id"
                + " FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT ?")) {
      statement.setInt(1, limit);
      try (ResultSet result = statement.executeQuery()) {
        List<OutboxRow> rows = new ArrayList<>();
        while (result.next()) {
          rows.add(toRow(result));
        }
        return rows;
      }
    }
  }

  /** Sets {@code published_at} of the given rows to the transaction's time. */
  void markPublished(Connection connection, List<OutboxRow> rows) throws SQLException {
    Long[] ids = rows.stream().map(OutboxRow::id).toArray(Long[]::new);
    try (PreparedStatement statement =
        connection.prepareStatement(
            "UPDATE outbox SET published_at = now() WHERE id = ANY (?) AND published_at IS NULL")) {
      Array idArray = connection.createArrayOf("bigint", ids);
      statement.setArray(1, idArray);
      statement.executeUpdate();
    }
  }

  /** Returns the number of unpublished rows, in its own short transaction. */
  long countUnpublished() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery("SELECT count(*) FROM outbox WHERE published_at IS NULL")) {
      result.next();
      return result.getLong(1);
    }
  }

  private static OutboxRow toRow(ResultSet result) throws SQLException {
    return new OutboxRow(
        result.getLong(1),
        result.getString(2),
        result.getString(3),
        result.getString(4),
        result.getObject(5, OffsetDateTime.class).toInstant(),
        result.getObject(6, UUID.class));
  }
}
