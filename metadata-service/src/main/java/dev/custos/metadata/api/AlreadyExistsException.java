package dev.custos.metadata.api;

/** A create request for a name that is already taken. */
public class AlreadyExistsException extends ApiException {
  private static final long serialVersionUID = 1L;

  public AlreadyExistsException(String message) {
    super(message);
  }

  @Override
  public ErrorStatus status() {
    return ErrorStatus.ALREADY_EXISTS;
  }
}
