package dev.custos.events.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custos.events.CustosEvent;
import dev.custos.events.Require;
import java.util.regex.Pattern;

/**
 * An entry appended to the audit log, a Merkle tree in the style of RFC 6962. Event type {@code
 * dev.custos.audit.entry} on topic {@code audit.log}, keyed by leaf index.
 *
 * @param entry the entry as appended, a JSON object
 * @param leafIndex the zero-based index of the entry's leaf
 * @param leafHash the SHA-256 leaf hash of the entry, as 64 lowercase hex digits
 * @param treeSize the number of leaves in the tree after the append, more than {@code leafIndex}
 */
public record AuditEntryAppended(JsonNode entry, long leafIndex, String leafHash, long treeSize)
    implements CustosEvent {
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  public AuditEntryAppended {
    Require.jsonObject(entry, "entry");
    Require.nonNegative(leafIndex, "leafIndex");
    Require.text(leafHash, "leafHash");
    if (!SHA256_HEX.matcher(leafHash).matches()) {
      throw new IllegalArgumentException(
          "leafHash must be 64 lowercase hex digits (a SHA-256 hash), but is '" + leafHash + "'");
    }
    if (treeSize <= leafIndex) {
      throw new IllegalArgumentException(
          "treeSize must be more than leafIndex " + leafIndex + ", but is " + treeSize);
    }
  }

  /** Returns the leaf index in decimal. */
  @Override
  public String key() {
    return Long.toString(leafIndex);
  }
}
