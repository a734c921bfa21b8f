package dev.custos.signer.webhook;

/** Thrown when a webhook request has a {@code Content-Type} that no registry format uses. */
public final class UnsupportedWebhookMediaTypeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String mediaType;

  public UnsupportedWebhookMediaTypeException(String mediaType, String message) {
    super(message);
    this.mediaType = mediaType;
  }

  /** Returns the media type as the request gave it, or null when the header was missing. */
  public String mediaType() {
    return mediaType;
  }
}
