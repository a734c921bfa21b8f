package dev.custos.signer.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.events.image.ImageReference;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SigningKeyTest {
  private static final String AUTHORITY = "projects/custos/notes/release";

  @Test
  void toStringRedactsKeyMaterial() throws GeneralSecurityException {
    PrivateKey privateKey = newEcKey();
    SigningKey key = new SigningKey("release-2026", PkixSigner.fromPem(pem(privateKey)));

    String text = key.toString();

    assertThat(text).contains("release-2026").contains(key.publicKeyId()).contains("<redacted>");
    assertThat(text).doesNotContain(Base64.getEncoder().encodeToString(privateKey.getEncoded()));
    assertThat(text).doesNotContainIgnoringCase("PRIVATE KEY-----");
  }

  @Test
  void signedPayloadKeepsExactBytes() throws GeneralSecurityException {
    SigningKey key = new SigningKey("k", PkixSigner.fromPem(pem(newEcKey())));
    SimpleSigningPayload payload =
        SimpleSigningPayload.create(
            ImageReference.parse("nginx@sha256:" + "c".repeat(64)), "c", Instant.EPOCH);

    SignedPayload signed = key.sign(payload);

    assertThat(signed.payload()).isEqualTo(payload.serialized());
    assertThat(signed.publicKeyId()).isEqualTo(key.publicKeyId());
    assertThat(signed.algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
    assertThat(signed.toString()).doesNotContain(new String(signed.payload()));
  }

  @Test
  void activeKeySignsAfterRotation() {
    SigningKey old = new SigningKey("2025", new FixedSigner("id-2025"));
    SigningKey current = new SigningKey("2026", new FixedSigner("id-2026"));

    AuthorityKeys keys = new AuthorityKeys(AUTHORITY, List.of(old, current), "2026");

    assertThat(keys.active()).isSameAs(current);
    assertThat(keys.keys()).containsExactly(old, current);
    assertThat(keys.findByPublicKeyId("id-2025")).containsSame(old);
    assertThat(keys.findByName("2024")).isEmpty();
  }

  @Test
  void unknownActiveKeyIsRejected() {
    SigningKey key = new SigningKey("2025", new FixedSigner("id-2025"));

    assertThatThrownBy(() -> new AuthorityKeys(AUTHORITY, List.of(key), "2026"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no key named 2026");
  }

  @Test
  void duplicateKeyNameIsRejected() {
    SigningKey first = new SigningKey("2025", new FixedSigner("a"));
    SigningKey second = new SigningKey("2025", new FixedSigner("b"));

    assertThatThrownBy(() -> new AuthorityKeys(AUTHORITY, List.of(first, second), "2025"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two keys named 2025");
  }

  private static PrivateKey newEcKey() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair().getPrivate();
  }

  private static String pem(PrivateKey key) {
    String base64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded());
    return "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";
  }

  /** Signer that returns a constant, for the rotation tests that never check a signature. */
  private record FixedSigner(String publicKeyId) implements PayloadSigner {
    @Override
    public SignatureAlgorithm algorithm() {
      return SignatureAlgorithm.ECDSA_P256_SHA256;
    }

    @Override
    public byte[] sign(byte[] payload) {
      return new byte[] {1};
    }
  }
}
