package dev.custos.audit.verify;

/** A check that the verifier ran and that failed: the log or its files do not verify. */
final class VerificationFailure extends Exception {
  VerificationFailure(String message) {
    super(message);
  }
}
