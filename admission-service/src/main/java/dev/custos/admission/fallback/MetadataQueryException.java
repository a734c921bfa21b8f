package dev.custos.admission.fallback;

/** A metadata-service query that returned no usable response. */
public final class MetadataQueryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The ways a query fails, a fixed set for metrics. */
  public enum Outcome {
    /** No response within the query timeout. */
    TIMEOUT,
    /** The query was not sent, because the concurrency or rate limit was reached. */
    SHED,
    /** The service was unreachable, responded with an error status or sent an unusable body. */
    ERROR
  }

  private final Outcome outcome;

  public MetadataQueryException(Outcome outcome, String message) {
    super(message);
    this.outcome = outcome;
  }

  public MetadataQueryException(Outcome outcome, String message, Throwable cause) {
    super(message, cause);
    this.outcome = outcome;
  }

  public Outcome outcome() {
    return outcome;
  }
}
