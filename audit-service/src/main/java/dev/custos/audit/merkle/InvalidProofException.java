package dev.custos.audit.merkle;

/** Thrown when an inclusion or consistency proof, or one of its inputs, fails verification. */
public class InvalidProofException extends Exception {
  public InvalidProofException(String message) {
    super(message);
  }
}
