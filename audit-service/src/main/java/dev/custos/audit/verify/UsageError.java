package dev.custos.audit.verify;

/** Arguments or input files that the verifier cannot use, so no check ran to its end. */
final class UsageError extends Exception {
  UsageError(String message) {
    super(message);
  }
}
