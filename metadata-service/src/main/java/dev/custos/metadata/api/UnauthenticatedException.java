package dev.custos.metadata.api;

/** A request without a valid bearer token. */
public class UnauthenticatedException extends ApiException {
  private static final long serialVersionUID = 1L;

  public UnauthenticatedException(String message) {
    super(message);
  }

  @Override
  public ErrorStatus status() {
    return ErrorStatus.UNAUTHENTICATED;
  }
}
