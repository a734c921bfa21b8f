package dev.custos.launcher.demo;

/** The QA team's OpenPGP key of the walkthrough, which clear-signs image digests. */
interface QaKey extends AutoCloseable {

  /** Returns how the key was made, for the walkthrough's output. */
  String description();

  /** Returns the primary key's fingerprint in uppercase hex, the attestation's {@code pgpKeyId}. */
  String fingerprint();

  /** Returns the ASCII-armored public key, for the admission policy. */
  String armoredPublicKey();

  /** Returns {@code text} clear-signed, as {@code gpg --clearsign} writes it. */
  String clearSign(String text);

  @Override
  void close();
}
