package dev.custos.audit.log;

import dev.custos.audit.LogKeys;
import dev.custos.audit.entry.LogEntry;
import dev.custos.audit.log.AppendResult.AppendedEntry;
import dev.custos.audit.merkle.MerkleTree;
import dev.custos.audit.merkle.Rfc6962Hasher;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only log in PostgreSQL and its single sequencer. Each {@link #append} is one
 * transaction that skips event ids already in the log, gives the new entries the next leaf indexes,
 * inserts them with the tree nodes they complete, and advances the tree size.
 *
 * <p>Appends are serialized twice: by this object's monitor within the service, and by a
 * transaction-scoped advisory lock across replicas. The advisory lock replaces {@code SELECT ...
 * FOR UPDATE} on a state row, which PostgreSQL allows only to roles with the UPDATE privilege that
 * the service's role must not have. Under the lock the sequencer compares the stored size with its
 * in-memory tree and reopens the tree when another writer moved it, or when its own last append
 * rolled back.
 */
public final class AuditLog {
  /** Key of the advisory lock that serializes appends to the log in one database. */
  public static final long SEQUENCER_LOCK_KEY = 0x437573746f73L; // "Custos" in ASCII

  private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

  private static final String LOCK = "SELECT pg_advisory_xact_lock(?)";

  private static final String SELECT_EXISTING_IDS =
      "SELECT event_id FROM audit_entries WHERE event_id = ANY(?)";

  // The digests of each entry arrive as the text of an array literal, cast per row, because unnest
  // would flatten an array of arrays.
  private static final String INSERT_ENTRIES =
      "INSERT INTO audit_entries (leaf_index, event_id, event_type, event_source, event_time,"
          + " subject_digest, subject_image, subject_namespace, subject_name, entry, leaf_hash,"
          + " decision, breakglass, digests)"
          + " SELECT leaf_index, event_id, event_type, event_source, event_time, subject_digest,"
          + " subject_image, subject_namespace, subject_name, entry, leaf_hash, decision,"
          + " breakglass, digests::text[]"
          + " FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::timestamptz[],"
          + " ?::text[], ?::text[], ?::text[], ?::text[], ?::bytea[], ?::bytea[], ?::text[],"
          + " ?::boolean[], ?::text[]) AS appended (leaf_index, event_id, event_type, event_source,"
          + " event_time, subject_digest, subject_image, subject_namespace, subject_name, entry,"
          + " leaf_hash, decision, breakglass, digests)";

  private final DataSource dataSource;
  private final PostgresHashStore store;
  private volatile MerkleTree tree;
  private volatile long committedSize;
  private volatile byte[] committedRoot;
  private boolean treeStale;

  private AuditLog(DataSource dataSource, PostgresHashStore store, MerkleTree tree) {
    this.dataSource = dataSource;
    this.store = store;
    this.tree = tree;
    this.committedSize = tree.size();
    this.committedRoot = tree.root();
  }

  /**
   * Opens the log in the database of {@code dataSource}, whose schema Flyway has migrated, and
   * rebuilds the tree's right border from the stored nodes.
   */
  public static AuditLog open(DataSource dataSource) {
    PostgresHashStore store = new PostgresHashStore(dataSource);
    MerkleTree tree = new MerkleTree(store);
    log.atInfo().addKeyValue(LogKeys.TREE_SIZE, tree.size()).log("Audit log opened");
    return new AuditLog(dataSource, store, tree);
  }

  /** Returns the number of entries committed. */
  public long size() {
    return committedSize;
  }

  /** Returns the root hash at {@link #size()}. */
  public byte[] root() {
    return committedRoot.clone();
  }

  /**
   * Returns the tree over the store, for roots and proofs at sizes up to {@link #size()}. The
   * tree's own size may be ahead of {@link #size()} while an append is in progress.
   */
  public MerkleTree tree() {
    return tree;
  }

  /**
   * Appends the entries whose event ids the log does not have yet, in the order given, in one
   * transaction. Nothing is stored when it fails.
   *
   * @throws LogStoreException if the transaction fails, after rolling it back
   */
  public synchronized AppendResult append(List<LogEntry> entries) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      store.bind(connection);
      try {
        AppendResult result = appendInTransaction(connection, entries);
        connection.commit();
        committedSize = result.treeSize();
        committedRoot = result.rootHash();
        logAppend(result);
        return result;
      } catch (SQLException | RuntimeException e) {
        treeStale = true;
        connection.rollback();
        throw e;
      } finally {
        store.unbind();
      }
    } catch (SQLException e) {
      throw new LogStoreException("appending " + entries.size() + " entries failed", e);
    }
  }

  private AppendResult appendInTransaction(Connection connection, List<LogEntry> entries)
      throws SQLException {
    lockSequencer(connection);
    reopenTreeIfMoved();

    Map<String, LogEntry> byId = new LinkedHashMap<>();
    List<String> duplicates = new ArrayList<>();
    for (LogEntry entry : entries) {
      if (byId.putIfAbsent(entry.eventId(), entry) != null) {
        duplicates.add(entry.eventId());
      }
    }
    Set<String> existing = selectExistingIds(connection, byId.keySet());
    duplicates.addAll(existing);
    byId.keySet().removeAll(existing);

    List<LogEntry> fresh = new ArrayList<>(byId.values());
    List<AppendedEntry> appended = insertEntries(connection, fresh, tree.size());
    List<byte[]> leafHashes = new ArrayList<>(appended.size());
    for (AppendedEntry entry : appended) {
      leafHashes.add(entry.leafHash());
    }
    long treeSize = tree.append(leafHashes);
    return new AppendResult(appended, duplicates, treeSize, tree.root());
  }

  private static void lockSequencer(Connection connection) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(LOCK)) {
      statement.setLong(1, SEQUENCER_LOCK_KEY);
      statement.execute();
    }
  }

  /** Reopens the tree from the store, through the locked transaction, when it is out of date. */
  private void reopenTreeIfMoved() {
    long storedSize = store.size();
    if (!treeStale && storedSize == tree.size()) {
      return;
    }
    log.atWarn()
        .addKeyValue(LogKeys.TREE_SIZE, tree.size())
        .addKeyValue(LogKeys.STORED_TREE_SIZE, storedSize)
        .log(
            "Reopening the audit log's tree, because another writer or a rolled-back append"
                + " changed it");
    tree = new MerkleTree(store);
    treeStale = false;
  }

  private static Set<String> selectExistingIds(Connection connection, Set<String> eventIds)
      throws SQLException {
    Set<String> existing = new HashSet<>();
    if (eventIds.isEmpty()) {
      return existing;
    }
    try (PreparedStatement statement = connection.prepareStatement(SELECT_EXISTING_IDS)) {
      statement.setArray(1, connection.createArrayOf("text", eventIds.toArray()));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          existing.add(rows.getString(1));
        }
      }
    }
    return existing;
  }

  private static List<AppendedEntry> insertEntries(
      Connection connection, List<LogEntry> entries, long firstIndex) throws SQLException {
    List<AppendedEntry> appended = new ArrayList<>(entries.size());
    if (entries.isEmpty()) {
      return appended;
    }
    EntryColumns columns = new EntryColumns(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      LogEntry entry = entries.get(i);
      byte[] bytes = entry.canonicalBytes();
      byte[] leafHash = Rfc6962Hasher.leafHash(bytes);
      columns.set(i, firstIndex + i, entry, bytes, leafHash);
      appended.add(new AppendedEntry(entry.eventId(), firstIndex + i, leafHash));
    }

    try (PreparedStatement statement = connection.prepareStatement(INSERT_ENTRIES)) {
      columns.bind(connection, statement);
      statement.executeUpdate();
    }
    return appended;
  }

  private static void logAppend(AppendResult result) {
    log.atDebug()
        .addKeyValue(LogKeys.TREE_SIZE, result.treeSize())
        .addKeyValue(LogKeys.APPENDED_COUNT, result.appended().size())
        .addKeyValue(LogKeys.DUPLICATE_COUNT, result.duplicateEventIds().size())
        .log("Audit entries appended");
  }

  /** The columns of an entries insert, one array per column for {@code unnest}. */
  private static final class EntryColumns {
    private final Long[] leafIndexes;
    private final String[] eventIds;
    private final String[] eventTypes;
    private final String[] sources;
    private final String[] times;
    private final String[] digests;
    private final String[] images;
    private final String[] namespaces;
    private final String[] names;
    private final byte[][] entries;
    private final byte[][] leafHashes;
    private final String[] decisions;
    private final Boolean[] breakglass;
    private final String[] digestLists;

    EntryColumns(int count) {
      leafIndexes = new Long[count];
      eventIds = new String[count];
      eventTypes = new String[count];
      sources = new String[count];
      times = new String[count];
      digests = new String[count];
      images = new String[count];
      namespaces = new String[count];
      names = new String[count];
      entries = new byte[count][];
      leafHashes = new byte[count][];
      decisions = new String[count];
      breakglass = new Boolean[count];
      digestLists = new String[count];
    }

    void set(int row, long leafIndex, LogEntry entry, byte[] bytes, byte[] leafHash) {
      leafIndexes[row] = leafIndex;
      eventIds[row] = entry.eventId();
      eventTypes[row] = entry.eventType();
      sources[row] = entry.source();
      times[row] = entry.time() == null ? null : entry.time().toString();
      digests[row] = entry.subject().digest();
      images[row] = entry.subject().image();
      namespaces[row] = entry.subject().namespace();
      names[row] = entry.subject().name();
      entries[row] = bytes;
      leafHashes[row] = leafHash;
      decisions[row] = entry.decision();
      breakglass[row] = entry.breakglass();
      digestLists[row] = arrayLiteral(entry.digests());
    }

    /** Returns a PostgreSQL array literal such as {@code {"a","b"}}, every element quoted. */
    private static String arrayLiteral(List<String> values) {
      StringBuilder literal = new StringBuilder("{");
      for (String value : values) {
        if (literal.length() > 1) {
          literal.append(',');
        }
        literal.append('"');
        literal.append(value.replace("\\", "\\\\").replace("\"", "\\\""));
        literal.append('"');
      }
      return literal.append('}').toString();
    }

    void bind(Connection connection, PreparedStatement statement) throws SQLException {
      statement.setArray(1, connection.createArrayOf("bigint", leafIndexes));
      statement.setArray(2, connection.createArrayOf("text", eventIds));
      statement.setArray(3, connection.createArrayOf("text", eventTypes));
      statement.setArray(4, connection.createArrayOf("text", sources));
      statement.setArray(5, connection.createArrayOf("text", times));
      statement.setArray(6, connection.createArrayOf("text", digests));
      statement.setArray(7, connection.createArrayOf("text", images));
      statement.setArray(8, connection.createArrayOf("text", namespaces));
      statement.setArray(9, connection.createArrayOf("text", names));
      statement.setArray(10, connection.createArrayOf("bytea", entries));
      statement.setArray(11, connection.createArrayOf("bytea", leafHashes));
      statement.setArray(12, connection.createArrayOf("text", decisions));
      statement.setArray(13, connection.createArrayOf("boolean", breakglass));
      statement.setArray(14, connection.createArrayOf("text", digestLists));
    }
  }
}
