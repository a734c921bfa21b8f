package dev.custos.metadata.api;

/** A project, note or occurrence that does not exist under the requested name. */
public class ResourceNotFoundException extends ApiException {
  private static final long serialVersionUID = 1L;

  public ResourceNotFoundException(String message) {
    super(message);
  }

  @Override
  public ErrorStatus status() {
    return ErrorStatus.NOT_FOUND;
  }
}
