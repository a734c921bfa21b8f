package dev.custos.signer.webhook;

/**
 * Thrown when a webhook request body is larger than {@code custos.signer.max-webhook-body-bytes}.
 */
public final class WebhookBodyTooLargeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String registry;

  public WebhookBodyTooLargeException(String registry, String size, int maxBytes) {
    super(
        "request body of "
            + size
            + " exceeds the limit of "
            + maxBytes
            + " bytes (custos.signer.max-webhook-body-bytes)");
    this.registry = registry;
  }

  public String registry() {
    return registry;
  }
}
