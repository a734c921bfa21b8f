package dev.custos.metadata.api;

/** An authenticated caller whose grants do not include the permission a request needs. */
public class PermissionDeniedException extends ApiException {
  private static final long serialVersionUID = 1L;

  public PermissionDeniedException(String message) {
    super(message);
  }

  @Override
  public ErrorStatus status() {
    return ErrorStatus.PERMISSION_DENIED;
  }
}
