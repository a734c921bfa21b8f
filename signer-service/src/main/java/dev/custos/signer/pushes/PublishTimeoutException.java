package dev.custos.signer.pushes;

import java.time.Duration;

/**
 * Thrown when the broker did not acknowledge every record of a webhook request in time. The records
 * may still arrive later, and a redelivery sends them again with the same ids, so the registry
 * should retry.
 */
public final class PublishTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Duration timeout;

  public PublishTimeoutException(int acknowledged, int total, Duration timeout) {
    super(
        "Kafka acknowledged "
            + acknowledged
            + " of "
            + total
            + " image.pushed records within "
            + timeout.toMillis()
            + " ms");
    this.timeout = timeout;
  }

  /** Returns the time the request waited. */
  public Duration timeout() {
    return timeout;
  }
}
