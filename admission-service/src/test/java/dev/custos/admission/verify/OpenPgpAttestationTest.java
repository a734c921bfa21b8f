package dev.custos.admission.verify;

import static dev.custos.admission.verify.Occurrences.DIGEST;
import static dev.custos.admission.verify.Occurrences.NOTE;
import static dev.custos.admission.verify.Occurrences.OTHER_DIGEST;
import static dev.custos.admission.verify.Occurrences.REPOSITORY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.events.image.Digest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** OpenPGP attestations signed in the test by the real {@code gpg}, with RSA and Ed25519 keys. */
class OpenPgpAttestationTest {
  @TempDir static Path gnupgHome;

  private static GpgKeyring gpg;
  private static String rsaKey;
  private static String ed25519Key;
  private static String outsiderKey;
  private static String subkeyPrimary;
  private static String signingSubkey;
  private static Attestor attestor;

  private final AttestationVerifier verifier = new AttestationVerifier();
  private final Digest digest = Digest.parse(DIGEST);

  @BeforeAll
  static void generateKeys() {
    ExternalTool.assumeInstalled("gpg");
    gpg = new GpgKeyring(gnupgHome);
    rsaKey = gpg.generateKey("RSA Attestor <rsa@example.com>", "rsa3072");
    ed25519Key = gpg.generateKey("Ed25519 Attestor <ed25519@example.com>", "ed25519");
    outsiderKey = gpg.generateKey("Outsider <outsider@example.com>", "ed25519");
    subkeyPrimary = gpg.generateKey("Subkey Attestor <subkey@example.com>", "ed25519");
    signingSubkey = gpg.addSigningSubkey(subkeyPrimary, "ed25519");

    List<AttestorKey> keys = new ArrayList<>();
    keys.addAll(AttestorKeys.parse("qa", gpg.exportArmored(rsaKey)));
    keys.addAll(AttestorKeys.parse("qa", gpg.exportArmored(ed25519Key)));
    keys.addAll(AttestorKeys.parse("qa", gpg.exportArmored(subkeyPrimary)));
    attestor = new Attestor("qa", NOTE, keys);
  }

  @AfterAll
  static void stopAgent() {
    if (gpg != null) {
      gpg.close();
    }
  }

  static Stream<String> signingKeys() {
    return Stream.of(rsaKey, ed25519Key);
  }

  @Test
  void exportedKeysHaveFingerprintIds() {
    assertThat(attestor.keys())
        .extracting(AttestorKey::id)
        .containsExactly(rsaKey, ed25519Key, subkeyPrimary);
    assertThat(attestor.keys())
        .extracting(AttestorKey::description)
        .containsExactly("OpenPGP RSA 3072", "OpenPGP Ed25519", "OpenPGP Ed25519");
  }

  @ParameterizedTest
  @MethodSource("signingKeys")
  void clearSignedDigestVerifies(String key) {
    ObjectNode occurrence = Occurrences.pgpSigned(gpg.clearSign(key, DIGEST + "\n"), key);

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.failures()).isEmpty();
    assertThat(result.keyId()).isEqualTo(key);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        REPOSITORY + "@" + DIGEST,
        "https://" + REPOSITORY + "@" + DIGEST,
        DIGEST + " \t",
        DIGEST + "\n",
      })
  void clearSignedVariantsVerify(String text) {
    ObjectNode occurrence = Occurrences.pgpSigned(gpg.clearSign(ed25519Key, text), ed25519Key);

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.failures()).isEmpty();
    assertThat(result.verified()).isTrue();
  }

  @Test
  void clearSignedDashLineEscaped() {
    String text = "-----not a digest\n";
    ObjectNode occurrence = Occurrences.pgpSigned(gpg.clearSign(ed25519Key, text), ed25519Key);

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.firstReason()).contains(FailureReason.PAYLOAD_MALFORMED);
    assertThat(result.failures().get(0).message()).contains("-----not a digest");
  }

  @ParameterizedTest
  @ValueSource(strings = {DIGEST + "\nextra", "digest: " + DIGEST, DIGEST + "\n\n"})
  void clearSignedExtraTextRejected(String text) {
    ObjectNode occurrence = Occurrences.pgpSigned(gpg.clearSign(ed25519Key, text), ed25519Key);

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.verified()).isFalse();
    assertThat(result.firstReason()).contains(FailureReason.PAYLOAD_MALFORMED);
  }

  @Test
  void clearSignedOtherRepositoryRejected() {
    String text = "registry.example.com/other@" + DIGEST;
    ObjectNode occurrence = Occurrences.pgpSigned(gpg.clearSign(rsaKey, text), rsaKey);

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.firstReason()).contains(FailureReason.PAYLOAD_REPOSITORY_MISMATCH);
  }

  @Test
  void clearSignedEditedTextRejected() {
    String signed = gpg.clearSign(rsaKey, OTHER_DIGEST + "\n");
    String edited = signed.replace(OTHER_DIGEST, DIGEST);
    ObjectNode occurrence = Occurrences.pgpSigned(edited, rsaKey);

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.firstReason()).contains(FailureReason.SIGNATURE_INVALID);
  }

  @ParameterizedTest
  @MethodSource("signingKeys")
  void detachedArmoredVerifies(String key) {
    byte[] payload = Occurrences.simpleSigningPayload();
    byte[] signature = ascii(gpg.detachSignArmored(key, payload));
    ObjectNode occurrence = Occurrences.withSignature(payload, signature, key);

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.failures()).isEmpty();
    assertThat(result.keyId()).isEqualTo(key);
  }

  @ParameterizedTest
  @MethodSource("signingKeys")
  void inlineSignedVerifies(String key) {
    byte[] payload = Occurrences.simpleSigningPayload();
    ObjectNode occurrence = Occurrences.withSignature(null, gpg.signInline(key, payload), key);

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.failures()).isEmpty();
    assertThat(result.keyId()).isEqualTo(key);
  }

  @ParameterizedTest
  @MethodSource("signingKeys")
  void replayForOtherDigestRejected(String key) {
    byte[] payload = Occurrences.simpleSigningPayload(REPOSITORY, OTHER_DIGEST);
    byte[] signature = ascii(gpg.detachSignArmored(key, payload));
    ObjectNode occurrence = Occurrences.withSignature(payload, signature, key);

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.verified()).isFalse();
    assertThat(result.firstReason()).contains(FailureReason.PAYLOAD_DIGEST_MISMATCH);
  }

  @ParameterizedTest
  @MethodSource("signingKeys")
  void replayForOtherRepositoryRejected(String key) {
    byte[] payload = Occurrences.simpleSigningPayload("registry.example.com/other", DIGEST);
    byte[] signature = gpg.signInline(key, payload);
    ObjectNode occurrence = Occurrences.withSignature(payload, signature, key);

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.verified()).isFalse();
    assertThat(result.firstReason()).contains(FailureReason.PAYLOAD_REPOSITORY_MISMATCH);
  }

  @ParameterizedTest
  @MethodSource("signingKeys")
  void editedPayloadRejected(String key) {
    byte[] signed = Occurrences.simpleSigningPayload(REPOSITORY, OTHER_DIGEST);
    byte[] signature = ascii(gpg.detachSignArmored(key, signed));
    byte[] edited = Occurrences.simpleSigningPayload();
    ObjectNode occurrence = Occurrences.withSignature(edited, signature, key);

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.verified()).isFalse();
    assertThat(result.firstReason()).contains(FailureReason.SIGNATURE_INVALID);
  }

  @Test
  void outsiderKeyRejected() {
    byte[] payload = Occurrences.simpleSigningPayload();
    byte[] signature = ascii(gpg.detachSignArmored(outsiderKey, payload));
    ObjectNode occurrence = Occurrences.withSignature(payload, signature, outsiderKey);

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.verified()).isFalse();
    assertThat(result.firstReason()).contains(FailureReason.UNKNOWN_KEY);
  }

  @Test
  void outsiderClaimingAttestorKeyRejected() {
    byte[] payload = Occurrences.simpleSigningPayload();
    byte[] signature = gpg.signInline(outsiderKey, payload);
    ObjectNode occurrence = Occurrences.withSignature(payload, signature, rsaKey);

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.firstReason()).contains(FailureReason.UNKNOWN_KEY);
  }

  @Test
  void mismatchedKeyIdRejected() {
    byte[] payload = Occurrences.simpleSigningPayload();
    byte[] signature = ascii(gpg.detachSignArmored(rsaKey, payload));
    ObjectNode occurrence = Occurrences.withSignature(payload, signature, ed25519Key);

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.verified()).isFalse();
    assertThat(result.firstReason()).contains(FailureReason.KEY_ID_MISMATCH);
  }

  @Test
  void missingKeyIdRejected() {
    byte[] payload = Occurrences.simpleSigningPayload();
    byte[] signature = ascii(gpg.detachSignArmored(rsaKey, payload));
    ObjectNode occurrence = Occurrences.withSignature(payload, signature, null);

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.firstReason()).contains(FailureReason.KEY_ID_MISMATCH);
  }

  @Test
  void randomBytesRejected() {
    byte[] forged = new byte[300];
    new SecureRandom().nextBytes(forged);
    ObjectNode occurrence =
        Occurrences.withSignature(Occurrences.simpleSigningPayload(), forged, rsaKey);

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.verified()).isFalse();
    assertThat(result.firstReason()).contains(FailureReason.SIGNATURE_MALFORMED);
  }

  @Test
  void tamperedSignatureBytesRejected() {
    byte[] payload = Occurrences.simpleSigningPayload();
    String armored = gpg.detachSignArmored(ed25519Key, payload);
    byte[] binary = Base64.getMimeDecoder().decode(armoredBody(armored));
    // The last bytes are the Ed25519 signature value S.
    binary[binary.length - 5] ^= 0x01;
    ObjectNode occurrence = Occurrences.withSignature(payload, binary, ed25519Key);

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.verified()).isFalse();
    assertThat(result.firstReason()).contains(FailureReason.SIGNATURE_INVALID);
  }

  @Test
  void sha1SignatureRejected() {
    byte[] payload = Occurrences.simpleSigningPayload();
    byte[] signature = ascii(gpg.detachSignArmored(rsaKey, payload, "--digest-algo", "SHA1"));
    ObjectNode occurrence = Occurrences.withSignature(payload, signature, rsaKey);

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.firstReason()).contains(FailureReason.SIGNATURE_ALGORITHM_REJECTED);
  }

  @ParameterizedTest
  @MethodSource("subkeyIds")
  void signingSubkeyVerifies(String publicKeyId) {
    byte[] payload = Occurrences.simpleSigningPayload();
    byte[] signature = ascii(gpg.detachSignArmored(signingSubkey + "!", payload));
    ObjectNode occurrence = Occurrences.withSignature(payload, signature, publicKeyId);

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.failures()).isEmpty();
    assertThat(result.keyId()).isEqualTo(subkeyPrimary);
  }

  static Stream<String> subkeyIds() {
    return Stream.of(subkeyPrimary, signingSubkey, signingSubkey.substring(24));
  }

  @Test
  void secondSignatureCanVerify() {
    byte[] payload = Occurrences.simpleSigningPayload();
    ObjectNode occurrence =
        Occurrences.withSignature(payload, gpg.signInline(outsiderKey, payload), outsiderKey);
    Occurrences.addSignature(
        (ArrayNode) occurrence.path("attestation").path("signatures"),
        gpg.signInline(rsaKey, payload),
        rsaKey);

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.keyId()).isEqualTo(rsaKey);
    assertThat(result.failures())
        .extracting(VerificationFailure::reason)
        .containsExactly(FailureReason.UNKNOWN_KEY);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** Returns the base64 lines of an armored block, without headers and the CRC line. */
  private static String armoredBody(String armored) {
    StringBuilder body = new StringBuilder();
    boolean inBody = false;
    for (String line : armored.split("\r?\n")) {
      if (inBody && (line.startsWith("=") || line.startsWith("-----END"))) {
        break;
      }
      if (inBody) {
        body.append(line);
      }
      if (line.isEmpty()) {
        inBody = true;
      }
    }
    return body.toString();
  }
}
