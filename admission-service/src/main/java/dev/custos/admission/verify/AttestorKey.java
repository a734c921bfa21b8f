package dev.custos.admission.verify;

/**
 * Public key of an attestor, as the policy lists it. {@link AttestorKeys} creates them from armored
 * OpenPGP or PEM PKIX text.
 */
public sealed interface AttestorKey permits OpenPgpAttestorKey, PkixAttestorKey {
  /**
   * Returns the id that signatures name in {@code publicKeyId}: the uppercase hex fingerprint of an
   * OpenPGP primary key, or for a PKIX key its RFC 6920 {@code ni:///sha-256;...} URI or the id
   * that the policy set.
   */
  String id();

  /** Returns the key type and size for messages, for example {@code OpenPGP RSA 3072}. */
  String description();
}
