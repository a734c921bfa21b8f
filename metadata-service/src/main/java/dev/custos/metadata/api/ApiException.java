package dev.custos.metadata.api;

/**
 * An error that the API returns to the client as a Google API error body. Each subclass is one
 * condition with a fixed {@link ErrorStatus}, and its message is shown to the client.
 */
public abstract class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected ApiException(String message) {
    super(message, null, false, false);
  }

  public abstract ErrorStatus status();
}
