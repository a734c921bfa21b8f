package dev.custos.metadata.outbox;

import org.apache.kafka.common.errors.RecordTooLargeException;

/**
 * Thrown when Kafka rejected a record of outbox row {@link #rowId()} as larger than the producer's
 * {@code max.request.size} or the broker's {@code message.max.bytes}. Retrying alone cannot
 * succeed, so the relay reports the row until an operator raises those limits.
 */
class OutboxRecordTooLargeException extends OutboxPublishException {
  private final long rowId;

  OutboxRecordTooLargeException(long rowId, RecordTooLargeException cause) {
    super("Kafka rejected a record of outbox row " + rowId + " as too large: " + cause, cause);
    this.rowId = rowId;
  }

  long rowId() {
    return rowId;
  }
}
