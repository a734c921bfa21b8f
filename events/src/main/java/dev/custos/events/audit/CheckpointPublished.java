package dev.custos.events.audit;

import dev.custos.events.CustosEvent;
import dev.custos.events.Require;
import java.util.regex.Pattern;

/**
 * A signed checkpoint of the audit log in the C2SP signed-note format. Event type {@code
 * dev.custos.audit.checkpoint} on topic {@code audit.log}, keyed by origin, so that the checkpoints
 * of one log stay in order on one partition.
 *
 * @param origin the log's origin line, which names the log
 * @param treeSize the number of leaves that the checkpoint covers
 * @param rootHash the SHA-256 root hash of the tree, in standard base64 with padding
 * @param signedNote the whole signed note: the checkpoint body, whose first three lines are the
 *     origin, the tree size and the root hash, then a blank line and the signature lines
 */
public record CheckpointPublished(String origin, long treeSize, String rootHash, String signedNote)
    implements CustosEvent {
  /** 32 bytes in standard base64: 43 characters and one padding character. */
  private static final Pattern SHA256_BASE64 = Pattern.compile("[A-Za-z0-9+/]{43}=");

  public CheckpointPublished {
    Require.text(origin, "origin");
    if (origin.contains("\n")) {
      throw new IllegalArgumentException("origin must be a single line");
    }
    Require.nonNegative(treeSize, "treeSize");
    Require.text(rootHash, "rootHash");
    if (!SHA256_BASE64.matcher(rootHash).matches()) {
      throw new IllegalArgumentException(
          "rootHash must be a SHA-256 hash in standard base64 (44 characters), but is '"
              + rootHash
              + "'");
    }
    Require.text(signedNote, "signedNote");
    requireNoteMatches(signedNote, origin + "\n" + treeSize + "\n" + rootHash + "\n");
  }

  private static void requireNoteMatches(String signedNote, String expectedStart) {
    if (!signedNote.startsWith(expectedStart)) {
      throw new IllegalArgumentException(
          "signedNote must start with the lines origin, treeSize and rootHash of this checkpoint");
    }
  }

  /** Returns the origin, which orders the checkpoints of one log. */
  @Override
  public String key() {
    return origin;
  }
}
