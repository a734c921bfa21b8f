package dev.custos.metadata.api;

/**
 * A request that is valid but cannot run in the current state, such as deleting a note that
 * occurrences still reference.
 */
public class FailedPreconditionException extends ApiException {
  private static final long serialVersionUID = 1L;

  public FailedPreconditionException(String message) {
    super(message);
  }

  @Override
  public ErrorStatus status() {
    return ErrorStatus.FAILED_PRECONDITION;
  }
}
