package dev.custos.audit.api;

import dev.custos.audit.log.LogStoreException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import javax.sql.DataSource;

/** The reads of {@code audit_entries} that the API serves. */
@ApplicationScoped
class EntryStore {
  private static final String SELECT_RANGE =
      "SELECT leaf_index, leaf_hash, entry FROM audit_entries"
          + " WHERE leaf_index BETWEEN ? AND ? ORDER BY leaf_index";

  private static final String SELECT_BY_LEAF_HASH =
      "SELECT min(leaf_index) FROM audit_entries WHERE leaf_hash = ? AND leaf_index < ?";

  private final DataSource dataSource;

  EntryStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * One entry of the log.
   *
   * @param leafIndex its zero-based leaf index
   * @param leafHash SHA-256(0x00 || entry bytes) in lowercase hex
   * @param entry the canonical JSON of the entry, the exact text whose UTF-8 bytes the leaf hash
   *     covers
   */
  record EntryView(long leafIndex, String leafHash, String entry) {}

  /** Returns the entries from {@code start} to {@code end}, both included, in leaf order. */
  List<EntryView> range(long start, long end) {
    List<EntryView> entries = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(SELECT_RANGE)) {
      statement.setLong(1, start);
      statement.setLong(2, end);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          entries.add(
              new EntryView(
                  rows.getLong(1),
                  HexFormat.of().formatHex(rows.getBytes(2)),
                  new String(rows.getBytes(3), StandardCharsets.UTF_8)));
        }
      }
    } catch (SQLException e) {
      throw new LogStoreException("reading entries " + start + " to " + end + " failed", e);
    }
    return entries;
  }

  /** Returns the first leaf index below {@code treeSize} with this leaf hash, if any. */
  OptionalLong leafIndexOf(byte[] leafHash, long treeSize) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(SELECT_BY_LEAF_HASH)) {
      statement.setBytes(1, leafHash);
      statement.setLong(2, treeSize);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        long index = rows.getLong(1);
        return rows.wasNull() ? OptionalLong.empty() : OptionalLong.of(index);
      }
    } catch (SQLException e) {
      throw new LogStoreException("looking up a leaf hash failed", e);
    }
  }
}
