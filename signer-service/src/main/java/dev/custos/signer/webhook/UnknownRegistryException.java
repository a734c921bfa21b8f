package dev.custos.signer.webhook;

/**
 * Thrown when a webhook request names a registry that is not configured. The message gives the
 * number of configured registries but not their names, which a caller without credentials must not
 * learn.
 */
public final class UnknownRegistryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnknownRegistryException(int configuredCount) {
    super(
        "unknown registry: the path must name one of the "
            + configuredCount
            + " registries configured under custos.signer.registries");
  }
}
