package dev.custos.signer.signing;

/**
 * Private key that signs payloads. Implementations never return key material and their {@code
 * toString} redacts it.
 */
public interface PayloadSigner {

  /**
   * Returns the id of the public key as attestations and admission policies name it: the full
   * OpenPGP fingerprint, or a {@code ni:///sha-256;...} URI of a PKIX public key.
   */
  String publicKeyId();

  SignatureAlgorithm algorithm();

  /**
   * Signs {@code payload} exactly as given and returns the detached signature: a binary OpenPGP
   * signature packet, or a DER-encoded PKIX signature.
   *
   * @throws SigningException if the cryptographic provider fails
   */
  byte[] sign(byte[] payload);
}
