package dev.custos.metadata.api;

/**
 * A request field or parameter that is missing, malformed or contradicts another. The message names
 * it.
 */
public class InvalidArgumentException extends ApiException {
  private static final long serialVersionUID = 1L;

  public InvalidArgumentException(String message) {
    super(message);
  }

  @Override
  public ErrorStatus status() {
    return ErrorStatus.INVALID_ARGUMENT;
  }
}
