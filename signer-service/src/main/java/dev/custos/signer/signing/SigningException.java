package dev.custos.signer.signing;

/** Thrown when signing fails inside BouncyCastle or the JCA, wrapping their exception. */
public final class SigningException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SigningException(String message, Throwable cause) {
    super(message, cause);
  }
}
