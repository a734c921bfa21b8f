package dev.custos.audit.signing;

import dev.custos.audit.log.LogStoreException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/** The signed checkpoints in {@code audit_checkpoints}, which only grows. */
@ApplicationScoped
public class CheckpointStore {
  private static final String INSERT =
      "INSERT INTO audit_checkpoints (tree_size, root_hash, note) VALUES (?, ?, ?)"
          + " RETURNING signed_at";

  private static final String SELECT_LATEST =
      "SELECT tree_size, root_hash, note, signed_at FROM audit_checkpoints"
          + " ORDER BY tree_size DESC LIMIT 1";

  private final DataSource dataSource;

  CheckpointStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Inserts a checkpoint and returns it as stored.
   *
   * @throws LogStoreException if the insert fails, also when a trigger rejects a tree size that is
   *     not above the latest checkpoint's or is above the stored tree's
   */
  public StoredCheckpoint insert(long treeSize, byte[] rootHash, String note) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(INSERT)) {
      statement.setLong(1, treeSize);
      statement.setBytes(2, rootHash);
      statement.setString(3, note);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return new StoredCheckpoint(treeSize, rootHash, note, rows.getTimestamp(1).toInstant());
      }
    } catch (SQLException e) {
      throw new LogStoreException("storing the checkpoint of tree size " + treeSize + " failed", e);
    }
  }

  /** Returns the checkpoint with the largest tree size, or empty before the first. */
  public Optional<StoredCheckpoint> latest() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(SELECT_LATEST);
        ResultSet rows = statement.executeQuery()) {
      if (!rows.next()) {
        return Optional.empty();
      }
      return Optional.of(
          new StoredCheckpoint(
              rows.getLong(1),
              rows.getBytes(2),
              rows.getString(3),
              rows.getTimestamp(4).toInstant()));
    } catch (SQLException e) {
      throw new LogStoreException("reading the latest checkpoint failed", e);
    }
  }
}
