package dev.custos.admission.verify;

/**
 * Thrown inside this package when a check fails. The verifier turns it into a {@link
 * VerificationFailure}, so it never leaves {@link AttestationVerifier#verify}.
 */
final class VerificationException extends Exception {
  private static final long serialVersionUID = 1L;

  private final FailureReason reason;

  VerificationException(FailureReason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  VerificationException(FailureReason reason, String message, Throwable cause) {
    super(message, cause, false, false);
    this.reason = reason;
  }

  FailureReason reason() {
    return reason;
  }

  VerificationFailure toFailure() {
    return new VerificationFailure(reason, getMessage());
  }
}
