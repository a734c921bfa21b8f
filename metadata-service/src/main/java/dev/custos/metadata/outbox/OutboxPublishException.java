package dev.custos.metadata.outbox;

/** Thrown when a batch of outbox rows could not be published, so that the relay retries it. */
class OutboxPublishException extends RuntimeException {
  OutboxPublishException(String message, Throwable cause) {
    super(message, cause);
  }
}
