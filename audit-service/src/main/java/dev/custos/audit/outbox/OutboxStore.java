package dev.custos.audit.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The outbox's reads and writes, on a connection whose transaction the caller manages. */
final class OutboxStore {
  /** Key of the advisory lock that lets one relay at a time publish a database's log. */
  static final long RELAY_LOCK_KEY = 0x437573746f7350L; // "CustosP" in ASCII

  private static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock(?)";

  private static final String LAST_PUBLISHED =
      "SELECT coalesce(max(leaf_index), -1) FROM audit_published";

  // The tree size of an entry is the smallest stored size above its index: the size after the
  // append transaction that stored it, which also stored that size.
  private static final String SELECT_ENTRIES =
      "SELECT e.leaf_index, e.event_id, e.entry, e.leaf_hash, e.appended_at,"
          + " (SELECT min(s.tree_size) FROM audit_tree_sizes s WHERE s.tree_size > e.leaf_index)"
          + " FROM audit_entries e WHERE e.leaf_index >= ? ORDER BY e.leaf_index LIMIT ?";

  private static final String INSERT_PROGRESS =
      "INSERT INTO audit_published (leaf_index) VALUES (?)";

  private OutboxStore() {}

  /** Takes the relay lock until the transaction ends, or returns false when another holds it. */
  static boolean tryLock(Connection connection) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(TRY_LOCK)) {
      statement.setLong(1, RELAY_LOCK_KEY);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getBoolean(1);
      }
    }
  }

  /** Returns the last leaf index published, or -1 before the first. */
  static long lastPublished(Connection connection) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(LAST_PUBLISHED);
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** Returns up to {@code limit} entries from leaf index {@code from} on, in leaf order. */
  static List<StoredEntry> entries(Connection connection, long from, int limit)
      throws SQLException {
    List<StoredEntry> entries = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(SELECT_ENTRIES)) {
      statement.setLong(1, from);
      statement.setInt(2, limit);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          entries.add(
              new StoredEntry(
                  rows.getLong(1),
                  rows.getString(2),
                  rows.getBytes(3),
                  rows.getBytes(4),
                  rows.getLong(6),
                  rows.getTimestamp(5).toInstant()));
        }
      }
    }
    return entries;
  }

  /** Records that every entry up to {@code leafIndex} is published. */
  static void insertProgress(Connection connection, long leafIndex) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(INSERT_PROGRESS)) {
      statement.setLong(1, leafIndex);
      statement.executeUpdate();
    }
  }
}
