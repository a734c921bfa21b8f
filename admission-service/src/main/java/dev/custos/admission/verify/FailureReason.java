package dev.custos.admission.verify;

/**
 * Reason code of a failed verification. Each code names one condition, so decision events and
 * metrics can count them apart. A code keeps its name once it ships.
 */
public enum FailureReason {
  /** The occurrence lacks a required field, or a field has the wrong JSON type or encoding. */
  OCCURRENCE_MALFORMED,
  /** The occurrence is not of kind {@code ATTESTATION}, for example {@code DSSE_ATTESTATION}. */
  KIND_UNSUPPORTED,
  /** The occurrence hangs off another note than the attestor's. */
  NOTE_MISMATCH,
  /** The resource URI is not a valid image reference. */
  RESOURCE_URI_INVALID,
  /** The resource URI names the image by tag only. */
  RESOURCE_URI_WITHOUT_DIGEST,
  /** The resource URI names another digest than the one being verified. */
  RESOURCE_DIGEST_MISMATCH,
  /** The resource URI names another repository than the image being verified. */
  RESOURCE_REPOSITORY_MISMATCH,
  /** The attestation carries no signature. */
  NO_SIGNATURES,
  /**
   * The signature cannot be decoded: bad base64, not OpenPGP, not DER, or the wrong packet type.
   */
  SIGNATURE_MALFORMED,
  /** The signature uses a hash that the verifier rejects as too weak, such as SHA-1 or MD5. */
  SIGNATURE_ALGORITHM_REJECTED,
  /** No key of the attestor made the signature. */
  UNKNOWN_KEY,
  /** The signature names a key of the attestor but does not verify with it. */
  SIGNATURE_INVALID,
  /** The OpenPGP key or signing subkey that made the signature carries a revocation signature. */
  KEY_REVOKED,
  /** The OpenPGP key or signing subkey that made the signature is past its expiration time. */
  KEY_EXPIRED,
  /** The OpenPGP signature is past the expiration time it carries. */
  SIGNATURE_EXPIRED,
  /**
   * The OpenPGP signature was made before its key was created, or is dated in the future beyond the
   * allowed clock skew.
   */
  SIGNATURE_TIME_INVALID,
  /** The {@code publicKeyId} is missing or names another key than the one that verified. */
  KEY_ID_MISMATCH,
  /** The content inside the OpenPGP message differs from the occurrence's serialized payload. */
  SIGNED_CONTENT_MISMATCH,
  /**
   * The signed content is neither a valid simple-signing payload nor, when clear-signed, a digest.
   */
  PAYLOAD_MALFORMED,
  /** The signed content binds another digest. */
  PAYLOAD_DIGEST_MISMATCH,
  /** The signed content binds another repository than the resource URI's. */
  PAYLOAD_REPOSITORY_MISMATCH
}
