package dev.custos.signer.pushes;

/**
 * Thrown when the producer rejected an {@code image.pushed} record or the broker did not store it.
 * The producer does not report which records of the request were stored, so the registry should
 * retry the whole request.
 */
public final class PublishFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PublishFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
