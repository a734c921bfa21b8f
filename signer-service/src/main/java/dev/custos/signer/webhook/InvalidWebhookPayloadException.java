package dev.custos.signer.webhook;

/**
 * Thrown when a registry webhook body is not a valid notification. The message names the JSON path
 * of the offending value and the problem, for example {@code events[2].target.digest: invalid
 * digest "sha256:abc": ...}. The whole body is rejected, so the registry can deliver it again.
 */
public final class InvalidWebhookPayloadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final String problem;

  /**
   * Creates an exception for the value at {@code path}.
   *
   * @param path the JSON path, such as {@code events[0].target}, or an empty string for the body as
   *     a whole
   */
  public InvalidWebhookPayloadException(String path, String problem) {
    this(path, problem, null);
  }

  public InvalidWebhookPayloadException(String path, String problem, Throwable cause) {
    super(path.isEmpty() ? problem : path + ": " + problem, cause);
    this.path = path;
    this.problem = problem;
  }

  /** Returns the JSON path of the offending value, empty for the body as a whole. */
  public String path() {
    return path;
  }

  /** Returns the problem without the path. */
  public String problem() {
    return problem;
  }
}
