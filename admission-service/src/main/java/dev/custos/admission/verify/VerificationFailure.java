package dev.custos.admission.verify;

import java.util.Objects;

/**
 * One reason why an attestation occurrence, or one of its signatures, did not verify.
 *
 * @param reason the reason code
 * @param message what failed and on which value, safe to log: it never contains key material
 */
public record VerificationFailure(FailureReason reason, String message) {
  public VerificationFailure {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return reason + ": " + message;
  }
}
