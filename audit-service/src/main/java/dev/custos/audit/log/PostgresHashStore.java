package dev.custos.audit.log;

import dev.custos.audit.merkle.HashStore;
import dev.custos.audit.merkle.NodeId;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * A {@link HashStore} in the tables {@code audit_nodes} (one row per perfect subtree hash) and
 * {@code audit_tree_sizes} (one row per append, and the largest is the size). It is thread-safe.
 *
 * <p>Writes happen only inside an append transaction: {@link #bind} makes the calling thread's
 * reads and writes use that transaction's connection, so they see its uncommitted rows and commit
 * or roll back with them. Reads on other threads borrow a connection from the data source and see
 * committed rows only.
 */
public final class PostgresHashStore implements HashStore {
  private static final String SELECT_SIZE =
      "SELECT coalesce(max(tree_size), 0) FROM audit_tree_sizes";

  // One query for any number of nodes: the requested ids in order, each joined to its row.
  private static final String SELECT_NODES =
      "SELECT n.hash FROM unnest(?::smallint[], ?::bigint[]) WITH ORDINALITY"
          + " AS wanted(node_level, node_index, position)"
          + " LEFT JOIN audit_nodes n"
          + " ON n.node_level = wanted.node_level AND n.node_index = wanted.node_index"
          + " ORDER BY wanted.position";

  private static final String INSERT_NODES =
      "INSERT INTO audit_nodes (node_level, node_index, hash)"
          + " SELECT * FROM unnest(?::smallint[], ?::bigint[], ?::bytea[])";

  private static final String INSERT_SIZE = "INSERT INTO audit_tree_sizes (tree_size) VALUES (?)";

  private final DataSource dataSource;
  private final ThreadLocal<Connection> transaction = new ThreadLocal<>();

  public PostgresHashStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Makes this thread's reads and writes use {@code connection}, whose transaction the caller
   * commits or rolls back, until {@link #unbind}.
   */
  void bind(Connection connection) {
    transaction.set(connection);
  }

  void unbind() {
    transaction.remove();
  }

  @Override
  public long size() {
    return withConnection("reading the tree size", PostgresHashStore::selectSize);
  }

  @Override
  public List<byte[]> read(List<NodeId> nodes) {
    if (nodes.isEmpty()) {
      return List.of();
    }
    return withConnection(
        "reading " + nodes.size() + " tree nodes", connection -> selectNodes(connection, nodes));
  }

  /**
   * Inserts the nodes and the new size in the bound transaction.
   *
   * @throws IllegalStateException if no transaction is bound to this thread
   */
  @Override
  public void write(long newSize, List<Node> nodes) {
    Connection connection = transaction.get();
    if (connection == null) {
      throw new IllegalStateException(
          "PostgresHashStore writes only inside an append transaction, so append through AuditLog");
    }
    try {
      long size = selectSize(connection);
      if (newSize < size) {
        throw new IllegalArgumentException(
            "new size " + newSize + " is smaller than the stored size " + size);
      }
      insertNodes(connection, nodes);
      if (newSize > size) {
        insertSize(connection, newSize);
      }
    } catch (SQLException e) {
      throw new LogStoreException(
          "writing " + nodes.size() + " tree nodes and size " + newSize + " failed", e);
    }
  }

  private static long selectSize(Connection connection) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(SELECT_SIZE);
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static List<byte[]> selectNodes(Connection connection, List<NodeId> nodes)
      throws SQLException {
    Short[] levels = new Short[nodes.size()];
    Long[] indexes = new Long[nodes.size()];
    for (int i = 0; i < nodes.size(); i++) {
      levels[i] = (short) nodes.get(i).level();
      indexes[i] = nodes.get(i).index();
    }

    List<byte[]> hashes = new ArrayList<>(nodes.size());
    try (PreparedStatement statement = connection.prepareStatement(SELECT_NODES)) {
      statement.setArray(1, connection.createArrayOf("smallint", levels));
      statement.setArray(2, connection.createArrayOf("bigint", indexes));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          byte[] hash = rows.getBytes(1);
          if (hash == null) {
            throw new IllegalArgumentException(
                "node "
                    + nodes.get(hashes.size())
                    + " is not stored, so the stored tree is smaller than the node requires");
          }
          hashes.add(hash);
        }
      }
    }
    return hashes;
  }

  private static void insertNodes(Connection connection, List<Node> nodes) throws SQLException {
    if (nodes.isEmpty()) {
      return;
    }
    Short[] levels = new Short[nodes.size()];
    Long[] indexes = new Long[nodes.size()];
    byte[][] hashes = new byte[nodes.size()][];
    for (int i = 0; i < nodes.size(); i++) {
      Node node = nodes.get(i);
      levels[i] = (short) node.id().level();
      indexes[i] = node.id().index();
      hashes[i] = node.hash();
    }

    try (PreparedStatement statement = connection.prepareStatement(INSERT_NODES)) {
      statement.setArray(1, connection.createArrayOf("smallint", levels));
      statement.setArray(2, connection.createArrayOf("bigint", indexes));
      Array hashArray = connection.createArrayOf("bytea", hashes);
      statement.setArray(3, hashArray);
      statement.executeUpdate();
    }
  }

  private static void insertSize(Connection connection, long newSize) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(INSERT_SIZE)) {
      statement.setLong(1, newSize);
      statement.executeUpdate();
    }
  }

  private <T> T withConnection(String action, SqlFunction<T> query) {
    try {
      Connection bound = transaction.get();
      if (bound != null) {
        return query.apply(bound);
      }
      try (Connection connection = dataSource.getConnection()) {
        return query.apply(connection);
      }
    } catch (SQLException e) {
      throw new LogStoreException(action + " failed", e);
    }
  }

  @FunctionalInterface
  interface SqlFunction<T> {
    T apply(Connection connection) throws SQLException;
  }
}
