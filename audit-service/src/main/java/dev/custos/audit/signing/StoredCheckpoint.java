package dev.custos.audit.signing;

import java.time.Instant;

/**
 * A signed checkpoint as {@code audit_checkpoints} stores it.
 *
 * @param treeSize the number of entries that it covers
 * @param rootHash the root hash at {@code treeSize}
 * @param note the whole signed note
 * @param signedAt when it was stored
 */
public record StoredCheckpoint(long treeSize, byte[] rootHash, String note, Instant signedAt) {
  public StoredCheckpoint {
    rootHash = rootHash.clone();
  }

  @Override
  public byte[] rootHash() {
    return rootHash.clone();
  }
}
