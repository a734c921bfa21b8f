package dev.custos.audit.outbox;

import java.time.Instant;

/**
 * An entry as the log stores it, with what its {@code audit.log} event needs.
 *
 * @param leafIndex the entry's leaf index
 * @param eventId the CloudEvents id of the event that the entry records
 * @param entry the canonical JSON bytes of the entry
 * @param leafHash SHA-256(0x00 || entry)
 * @param treeSize the tree size after the append transaction that stored the entry
 * @param appendedAt when that transaction started
 */
record StoredEntry(
    long leafIndex,
    String eventId,
    byte[] entry,
    byte[] leafHash,
    long treeSize,
    Instant appendedAt) {}
