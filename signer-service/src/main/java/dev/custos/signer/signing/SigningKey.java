package dev.custos.signer.signing;

import java.util.Objects;

/**
 * Named signing key of an authority: the configured name and the signer that contains the private
 * key. It exposes the public key id and the algorithm, never the key material, and {@link
 * #toString()} redacts, so a key can be logged by name.
 */
public final class SigningKey {
  private final String name;
  private final PayloadSigner signer;

  public SigningKey(String name, PayloadSigner signer) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("the key name must not be blank");
    }
    this.name = name;
    this.signer = Objects.requireNonNull(signer, "signer");
  }

  /** Returns the configured name, such as {@code release-2026}. */
  public String name() {
    return name;
  }

  public String publicKeyId() {
    return signer.publicKeyId();
  }

  public SignatureAlgorithm algorithm() {
    return signer.algorithm();
  }

  /** Signs the serialized payload and returns it with the detached signature. */
  public SignedPayload sign(SimpleSigningPayload payload) {
    byte[] serialized = payload.serialized();
    return new SignedPayload(serialized, signer.sign(serialized), publicKeyId(), algorithm());
  }

  /** Returns the signer, for the forms only OpenPGP has (armored or inline signatures). */
  public PayloadSigner signer() {
    return signer;
  }

  @Override
  public String toString() {
    return "SigningKey[name="
        + name
        + ", algorithm="
        + algorithm()
        + ", publicKeyId="
        + publicKeyId()
        + ", privateKey=<redacted>]";
  }
}
