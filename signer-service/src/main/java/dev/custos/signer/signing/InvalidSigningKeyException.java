package dev.custos.signer.signing;

/**
 * Thrown when key material cannot be loaded: malformed input, a wrong passphrase, or an algorithm
 * or size that Custos does not sign with. The message never contains key material.
 */
public final class InvalidSigningKeyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidSigningKeyException(String message) {
    super(message);
  }

  public InvalidSigningKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
