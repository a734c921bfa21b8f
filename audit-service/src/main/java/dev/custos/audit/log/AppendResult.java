package dev.custos.audit.log;

import java.util.List;

/**
 * The outcome of one append transaction.
 *
 * @param appended the entries appended, in leaf index order
 * @param duplicateEventIds the event ids skipped because the log or an earlier entry of the same
 *     batch already had them
 * @param treeSize the number of leaves after the append
 * @param rootHash the root hash at {@code treeSize}
 */
public record AppendResult(
    List<AppendedEntry> appended, List<String> duplicateEventIds, long treeSize, byte[] rootHash) {

  public AppendResult {
    appended = List.copyOf(appended);
    duplicateEventIds = List.copyOf(duplicateEventIds);
    rootHash = rootHash.clone();
  }

  @Override
  public byte[] rootHash() {
    return rootHash.clone();
  }

  /**
   * An appended entry.
   *
   * @param eventId the CloudEvents id of the entry's event
   * @param leafIndex the zero-based index of its leaf
   * @param leafHash SHA-256(0x00 || canonical entry bytes)
   */
  public record AppendedEntry(String eventId, long leafIndex, byte[] leafHash) {
    public AppendedEntry {
      leafHash = leafHash.clone();
    }

    @Override
    public byte[] leafHash() {
      return leafHash.clone();
    }
  }
}
