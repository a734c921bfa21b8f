package dev.custos.signer.signing;

/**
 * Algorithm of a Custos signature. The PKIX names are those of Grafeas's {@code
 * PkixPublicKey.SignatureAlgorithm}, so an attestation can state them unchanged.
 */
public enum SignatureAlgorithm {
  /** An OpenPGP signature, whose packet states the public-key and hash algorithms itself. */
  OPENPGP,
  /** ECDSA on NIST P-256 over SHA-256, the signature DER-encoded as in RFC 3279. */
  ECDSA_P256_SHA256,
  /** RSASSA-PSS with a 3072-bit key, SHA-256, MGF1 with SHA-256 and a 32-byte salt. */
  RSA_PSS_3072_SHA256,
  /** RSASSA-PSS with a 4096-bit key, SHA-256, MGF1 with SHA-256 and a 32-byte salt. */
  RSA_PSS_4096_SHA256
}
