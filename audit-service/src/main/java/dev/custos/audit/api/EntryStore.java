package dev.custos.audit.api;

import dev.custos.audit.log.LogStoreException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

  private static final String SELECT_COUNTS =
      "SELECT date_bin(make_interval(secs => ?), event_time, ?) AS bucket, event_type, decision,"
          + " count(*) FROM audit_entries WHERE event_time >= ? AND event_time < ?"
          + " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3";

  private static final String SELECT_EXPORT =
      "SELECT leaf_index, leaf_hash, entry, event_id, event_type, event_source, event_time,"
          + " subject_digest, subject_image, subject_namespace, subject_name, decision"
          + " FROM audit_entries WHERE leaf_index BETWEEN ? AND ? ORDER BY leaf_index";

  /** Rows that an export reads from the database at a time. */
  static final int EXPORT_FETCH_SIZE = 500;

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
          entries.add(view(rows));
        }
      }
    } catch (SQLException e) {
      throw new LogStoreException("reading entries " + start + " to " + end + " failed", e);
    }
    return entries;
  }

  /**
   * Returns up to {@code limit} entries that match the filter, in leaf order (descending when the
   * filter requests it), after {@code afterIndex} in that order, or from the start when it is null.
   */
  List<EntryView> search(SearchFilter filter, Long afterIndex, int limit) {
    StringBuilder sql = new StringBuilder("SELECT leaf_index, leaf_hash, entry FROM audit_entries");
    List<Object> values = new ArrayList<>();
    String separator = " WHERE ";
    for (SearchFilter.Condition condition : filter.conditions()) {
      sql.append(separator).append(condition.sql());
      values.add(condition.value());
      separator = " AND ";
    }
    if (afterIndex != null) {
      sql.append(separator).append(filter.descending() ? "leaf_index < ?" : "leaf_index > ?");
      values.add(afterIndex);
    }
    sql.append(" ORDER BY leaf_index")
        .append(filter.descending() ? " DESC" : "")
        .append(" LIMIT ?");
    values.add(limit);

    List<EntryView> entries = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql.toString())) {
      bind(statement, values);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          entries.add(view(rows));
        }
      }
    } catch (SQLException e) {
      throw new LogStoreException("searching entries failed", e);
    }
    return entries;
  }

  /**
   * One count of {@link #counts}: the entries of one type and decision whose event time is in the
   * bucket that starts at {@code start}.
   */
  record Count(Instant start, String type, String decision, long count) {}

  /**
   * Counts the entries with an event time from {@code since}, included, to {@code until}, excluded,
   * by bucket of {@code bucket} aligned to {@code since}, type and decision, in that order.
   */
  List<Count> counts(Instant since, Instant until, Duration bucket) {
    List<Count> counts = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(SELECT_COUNTS)) {
      bind(statement, List.<Object>of(bucket.toSeconds(), since, since, until));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          counts.add(
              new Count(
                  rows.getObject(1, OffsetDateTime.class).toInstant(),
                  rows.getString(2),
                  rows.getString(3),
                  rows.getLong(4)));
        }
      }
    } catch (SQLException e) {
      throw new LogStoreException("counting entries failed", e);
    }
    return counts;
  }

  /** One row of an export. */
  record ExportRow(
      long leafIndex,
      byte[] leafHash,
      byte[] entry,
      String eventId,
      String eventType,
      String eventSource,
      Instant eventTime,
      String digest,
      String image,
      String namespace,
      String name,
      String decision) {}

  /** Receives the rows of an export one at a time. */
  interface ExportSink {
    void accept(ExportRow row) throws IOException;
  }

  /**
   * Reads the entries from {@code start} to {@code end}, both included, in leaf order, and hands
   * each to {@code sink}. The rows come through a server-side cursor, {@link #EXPORT_FETCH_SIZE} at
   * a time, so the range is never in memory as a whole.
   */
  void export(long start, long end, ExportSink sink) throws IOException {
    try (Connection connection = dataSource.getConnection()) {
      // The PostgreSQL driver uses a cursor for a fetch size only outside auto-commit.
      connection.setAutoCommit(false);
      connection.setReadOnly(true);
      try (PreparedStatement statement = connection.prepareStatement(SELECT_EXPORT)) {
        statement.setFetchSize(EXPORT_FETCH_SIZE);
        statement.setLong(1, start);
        statement.setLong(2, end);
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            OffsetDateTime time = rows.getObject(7, OffsetDateTime.class);
            sink.accept(
                new ExportRow(
                    rows.getLong(1),
                    rows.getBytes(2),
                    rows.getBytes(3),
                    rows.getString(4),
                    rows.getString(5),
                    rows.getString(6),
                    time == null ? null : time.toInstant(),
                    rows.getString(8),
                    rows.getString(9),
                    rows.getString(10),
                    rows.getString(11),
                    rows.getString(12)));
          }
        }
      } finally {
        connection.rollback();
      }
    } catch (SQLException e) {
      throw new LogStoreException("exporting entries " + start + " to " + end + " failed", e);
    }
  }

  private static EntryView view(ResultSet rows) throws SQLException {
    return new EntryView(
        rows.getLong(1),
        HexFormat.of().formatHex(rows.getBytes(2)),
        new String(rows.getBytes(3), StandardCharsets.UTF_8));
  }

  private static void bind(PreparedStatement statement, List<Object> values) throws SQLException {
    for (int i = 0; i < values.size(); i++) {
      Object value = values.get(i);
      if (value instanceof Instant instant) {
        statement.setObject(i + 1, instant.atOffset(ZoneOffset.UTC));
      } else {
        statement.setObject(i + 1, value);
      }
    }
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
