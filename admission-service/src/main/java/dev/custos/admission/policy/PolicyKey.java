package dev.custos.admission.policy;

/**
 * A public key of an attestor, kept as text. The verify package parses it.
 *
 * @param id the explicit key id from the policy, or null when none was given
 * @param text the armored OpenPGP key or the PEM PKIX key as written
 * @param format which of the two the text is
 */
public record PolicyKey(String id, String text, Format format) {

  /** Encoding of a public key in the policy. */
  public enum Format {
    /** An ASCII-armored OpenPGP public key block, as {@code gpg --armor --export} writes it. */
    OPENPGP,
    /** A PEM {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo), as {@code openssl pkey -pubout}. */
    PKIX
  }
}
