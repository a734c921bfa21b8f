package dev.custos.admission.verify;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Outcome of verifying one attestation occurrence for one attestor and digest.
 *
 * @param keyId id of the attestor key that verified a signature, or null when none did
 * @param failures why signatures did not verify. A verified result may still list the failures of
 *     other signatures in the same occurrence. A result that is not verified lists at least one
 */
public record VerificationResult(String keyId, List<VerificationFailure> failures) {
  public VerificationResult {
    failures = List.copyOf(failures);
    if (keyId == null && failures.isEmpty()) {
      throw new IllegalArgumentException("a result that is not verified needs a failure");
    }
  }

  static VerificationResult verified(String keyId, List<VerificationFailure> failures) {
    return new VerificationResult(Objects.requireNonNull(keyId, "keyId"), failures);
  }

  static VerificationResult rejected(List<VerificationFailure> failures) {
    return new VerificationResult(null, failures);
  }

  static VerificationResult rejected(VerificationFailure failure) {
    return rejected(List.of(failure));
  }

  /** Returns whether a signature of an attestor key verified and its content binds the digest. */
  public boolean verified() {
    return keyId != null;
  }

  /** Returns the id of the key that verified, or empty when the occurrence did not verify. */
  public Optional<String> verifiedKeyId() {
    return Optional.ofNullable(keyId);
  }

  /** Returns the reason of the first failure, or empty when there was none. */
  public Optional<FailureReason> firstReason() {
    return failures.stream().findFirst().map(VerificationFailure::reason);
  }
}
