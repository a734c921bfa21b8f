package dev.custos.audit.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class NoteSignerTest {
  private static final String NAME = "audit.example/prod";
  private static final byte[] MESSAGE =
      "audit.example/prod\n1\nroot\n".getBytes(StandardCharsets.UTF_8);

  @Test
  void pemKeySignsLikeJdkProvider() throws GeneralSecurityException {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    NoteSigner signer = NoteSigner.fromKeyFile(NAME, pem(pair.getPrivate().getEncoded()));

    Signature jdk = Signature.getInstance("Ed25519");
    jdk.initSign(pair.getPrivate());
    jdk.update(MESSAGE);

    assertThat(signer.sign(MESSAGE)).isEqualTo(jdk.sign());
  }

  @Test
  void pemKeyHasJdkPublicKey() throws GeneralSecurityException {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    byte[] spki = pair.getPublic().getEncoded();
    byte[] publicKey = Arrays.copyOfRange(spki, spki.length - 32, spki.length);

    NoteSigner signer = NoteSigner.fromKeyFile(NAME, pem(pair.getPrivate().getEncoded()));

    assertThat(signer.verifier().publicKey()).isEqualTo(publicKey);
  }

  @Test
  void rawKeyFileMatchesSeed() {
    byte[] seed = new byte[32];
    seed[31] = 7;

    NoteSigner fromFile = NoteSigner.fromKeyFile(NAME, seed);

    assertThat(fromFile.verifier().verifierKey())
        .isEqualTo(NoteSigner.fromSeed(NAME, seed).verifier().verifierKey());
  }

  @Test
  void privateKeyStringFileLoads() {
    String privateKey =
        "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz\n";

    NoteSigner signer =
        NoteSigner.fromKeyFile("PeterNeumann", privateKey.getBytes(StandardCharsets.US_ASCII));

    assertThat(signer.verifier().verifierKey())
        .isEqualTo("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
  }

  @Test
  void privateKeyFileOtherNameIsRejected() {
    byte[] contents =
        "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
            .getBytes(StandardCharsets.US_ASCII);

    assertThatThrownBy(() -> NoteSigner.fromKeyFile(NAME, contents))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("key file names the key 'PeterNeumann', expected 'audit.example/prod'");
  }

  @Test
  void privateKeyWrongIdIsRejected() {
    assertThatThrownBy(
            () ->
                NoteSigner.fromPrivateKey(
                    "PRIVATE+KEY+PeterNeumann+c74f20a4+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "note private key ID c74f20a4 does not match the name and key, which give c74f20a3");
  }

  @Test
  void rsaPemKeyIsRejected() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(1024);
    byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();

    assertThatThrownBy(() -> NoteSigner.fromKeyFile(NAME, pem(pkcs8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith(", expected Ed25519");
  }

  @Test
  void unknownKeyFileIsRejected() {
    byte[] contents = new byte[31];

    assertThatThrownBy(() -> NoteSigner.fromKeyFile(NAME, contents))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "key file is neither a note private key, a PEM PKCS#8 Ed25519 key, nor 32 raw bytes");
  }

  @Test
  void invalidKeyNameIsRejected() {
    assertThatThrownBy(() -> NoteSigner.fromSeed("audit example", new byte[32]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("key name must be non-empty, without spaces or plus signs: 'audit example'");
  }

  @Test
  void toStringHidesPrivateKey() {
    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) 0x5a);
    NoteSigner signer = NoteSigner.fromSeed(NAME, seed);

    assertThat(signer.toString()).isEqualTo("NoteSigner[" + signer.verifier().verifierKey() + "]");
  }

  @Test
  void verifierKeyWrongIdIsRejected() {
    assertThatThrownBy(
            () ->
                NoteVerifier.parse(
                    "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "verifier key ID c74f20a4 does not match the name and key, which give c74f20a3");
  }

  @Test
  void verifierKeyOtherTypeIsRejected() {
    // The same key with signature type 0x02 in place of 0x01.
    byte[] typed = Base64.getDecoder().decode("ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
    typed[0] = 0x02;
    String verifierKey = "PeterNeumann+c74f20a3+" + Base64.getEncoder().encodeToString(typed);

    assertThatThrownBy(() -> NoteVerifier.parse(verifierKey))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("verifier key must be base64 of 0x01 followed by a 32-byte Ed25519 public key");
  }

  @Test
  void verifierKeyMissingPartIsRejected() {
    assertThatThrownBy(() -> NoteVerifier.parse("PeterNeumann+c74f20a3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("verifier key must have the form");
  }

  private static byte[] pem(byte[] pkcs8) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pkcs8);
    String pem = "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    return pem.getBytes(StandardCharsets.US_ASCII);
  }
}
