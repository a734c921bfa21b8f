package dev.custos.signer.signing;

import java.util.Objects;

/**
 * Serialized payload with its detached signature, the two byte strings an attestation stores.
 * Accessors return copies, so the stored bytes stay the signed bytes.
 */
public final class SignedPayload {
  private final byte[] payload;
  private final byte[] signature;
  private final String publicKeyId;
  private final SignatureAlgorithm algorithm;

  public SignedPayload(
      byte[] payload, byte[] signature, String publicKeyId, SignatureAlgorithm algorithm) {
    this.payload = Objects.requireNonNull(payload, "payload").clone();
    this.signature = Objects.requireNonNull(signature, "signature").clone();
    this.publicKeyId = Objects.requireNonNull(publicKeyId, "publicKeyId");
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
  }

  /** Returns the signed bytes, to store as the attestation's {@code serializedPayload}. */
  public byte[] payload() {
    return payload.clone();
  }

  /** Returns the detached signature over {@link #payload()}. */
  public byte[] signature() {
    return signature.clone();
  }

  public String publicKeyId() {
    return publicKeyId;
  }

  public SignatureAlgorithm algorithm() {
    return algorithm;
  }

  @Override
  public String toString() {
    return "SignedPayload[publicKeyId="
        + publicKeyId
        + ", algorithm="
        + algorithm
        + ", payloadBytes="
        + payload.length
        + ", signatureBytes="
        + signature.length
        + "]";
  }
}
