package dev.custos.audit.outbox;

/** Kafka rejected or did not acknowledge an entry of a batch, which the relay then retries. */
class OutboxPublishException extends RuntimeException {
  OutboxPublishException(String message, Throwable cause) {
    super(message, cause);
  }
}
