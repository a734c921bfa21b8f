package dev.custos.signer.metadata;

/**
 * A metadata-service call that failed. The runner tries every failed call again with backoff, so
 * nothing is lost. {@link #status()} tells a fault of the service or the network (0 for no
 * response, 5xx, 429) from a rejected request (other 4xx), which usually needs a configuration fix,
 * such as a missing authority note or a wrong token.
 */
public final class MetadataServiceException extends RuntimeException {
  private final int status;

  MetadataServiceException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** Returns the HTTP status of the response, or 0 when no response arrived. */
  public int status() {
    return status;
  }

  /** Returns whether the service was unavailable (no response, 5xx or 429), not the request bad. */
  public boolean unavailable() {
    return status == 0 || status >= 500 || status == 429;
  }
}
