package dev.custos.admission.verify;

import java.security.PublicKey;

/**
 * PKIX public key of an attestor, from a PEM {@code PUBLIC KEY} block, with the signature algorithm
 * that its type implies.
 */
public final class PkixAttestorKey implements AttestorKey {
  /** Signature schemes that a PKIX attestor key verifies, chosen by the key's type and curve. */
  public enum Scheme {
    /** ECDSA on P-256 with SHA-256, DER-encoded signature. */
    ECDSA_P256_SHA256("ECDSA P-256"),
    /** ECDSA on P-384 with SHA-384, DER-encoded signature. */
    ECDSA_P384_SHA384("ECDSA P-384"),
    /** RSA with SHA-256, either PKCS#1 v1.5 or PSS with MGF1-SHA-256. */
    RSA_SHA256("RSA"),
    /** Pure Ed25519 over the payload bytes. */
    ED25519("Ed25519");

    private final String label;

    Scheme(String label) {
      this.label = label;
    }

    String label() {
      return label;
    }
  }

  private final String id;
  private final PublicKey publicKey;
  private final Scheme scheme;
  private final int keyBits;

  PkixAttestorKey(String id, PublicKey publicKey, Scheme scheme, int keyBits) {
    this.id = id;
    this.publicKey = publicKey;
    this.scheme = scheme;
    this.keyBits = keyBits;
  }

  @Override
  public String id() {
    return id;
  }

  public Scheme scheme() {
    return scheme;
  }

  @Override
  public String description() {
    return scheme == Scheme.RSA_SHA256 ? "PKIX RSA " + keyBits : "PKIX " + scheme.label();
  }

  @Override
  public String toString() {
    return description() + " " + id;
  }

  PublicKey publicKey() {
    return publicKey;
  }

  /** Returns the RSA modulus length in bits, which sets the maximum PSS salt length. */
  int keyBits() {
    return keyBits;
  }
}
