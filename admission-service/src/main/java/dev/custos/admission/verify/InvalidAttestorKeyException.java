package dev.custos.admission.verify;

/**
 * Thrown when an attestor's public key cannot be used. The message names the attestor and what is
 * wrong with the key, and never contains key material.
 */
public final class InvalidAttestorKeyException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String attestorName;

  InvalidAttestorKeyException(String attestorName, String problem) {
    super("invalid public key of attestor \"" + attestorName + "\": " + problem);
    this.attestorName = attestorName;
  }

  InvalidAttestorKeyException(String attestorName, String problem, Throwable cause) {
    super("invalid public key of attestor \"" + attestorName + "\": " + problem, cause);
    this.attestorName = attestorName;
  }

  public String attestorName() {
    return attestorName;
  }
}
