package dev.custos.admission.verify;

import static dev.custos.admission.verify.Occurrences.DIGEST;
import static dev.custos.admission.verify.Occurrences.NOTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.admission.policy.InvalidPolicyException;
import dev.custos.admission.policy.LoadedPolicy;
import dev.custos.admission.policy.PolicyParser;
import dev.custos.events.image.Digest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Revocation, expiration and creation times of OpenPGP keys and signatures, with keys and
 * signatures made by the real {@code gpg}, some of them at a faked system time.
 */
class OpenPgpValidityTest {
  private static final DateTimeFormatter GPG_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

  @TempDir static Path gnupgHome;

  private static GpgKeyring gpg;

  private final AttestationVerifier verifier = new AttestationVerifier();
  private final Digest digest = Digest.parse(DIGEST);

  @BeforeAll
  static void startGpg() {
    ExternalTool.assumeInstalled("gpg");
    gpg = new GpgKeyring(gnupgHome);
  }

  @AfterAll
  static void stopAgent() {
    if (gpg != null) {
      gpg.close();
    }
  }

  @Test
  void currentSignatureVerifies() {
    String key = gpg.generateKey("Current <current@example.com>", "ed25519", "1y");

    VerificationResult result = verify(key, gpg.exportArmored(key), sign(key));

    assertThat(result.failures()).isEmpty();
    assertThat(result.keyId()).isEqualTo(key);
  }

  @Test
  void revokedKeyRejectedAtLoad() {
    String key = gpg.generateKey("Revoked <revoked@example.com>", "ed25519", "never");
    gpg.revokeKey(key);
    String exported = gpg.exportArmored(key);

    assertThatThrownBy(() -> AttestorKeys.parse("qa", exported))
        .isInstanceOf(InvalidAttestorKeyException.class)
        .hasMessageContaining(key)
        .hasMessageContaining("is revoked")
        .hasMessageContaining("Remove the key from the policy");
  }

  @Test
  void policyWithRevokedKeyInvalid() {
    String key = gpg.generateKey("Revoked Policy <revoked-policy@example.com>", "ed25519", "never");
    gpg.revokeKey(key);
    String indentedKey = gpg.exportArmored(key).strip().replace("\n", "\n          ");
    String yaml =
        """
        attestors:
          - name: qa
            note: %s
            publicKeys:
              - key: |
                  %s
        defaultRule:
          evaluationMode: REQUIRE_ATTESTATION
        """
            .formatted(NOTE, indentedKey);

    assertThatThrownBy(() -> LoadedPolicy.of(new PolicyParser("custos").parse(yaml)))
        .isInstanceOfSatisfying(
            InvalidPolicyException.class,
            e -> {
              assertThat(e.violations()).hasSize(1);
              assertThat(e.violations().get(0).path()).isEqualTo("attestors[0].publicKeys[0].key");
              assertThat(e.violations().get(0).message()).contains(key).contains("is revoked");
            });
  }

  @Test
  void revokedSubkeyRejected() {
    String primary =
        gpg.generateKey("Revoked Subkey <revoked-subkey@example.com>", "ed25519", "never");
    String subkey = gpg.addSigningSubkey(primary, "ed25519");
    ObjectNode occurrence = occurrence(primary, sign(subkey + "!"));
    gpg.revokeFirstSubkey(primary);

    VerificationResult result = verify(gpg.exportArmored(primary), occurrence);

    assertThat(result.verified()).isFalse();
    assertThat(reasons(result)).containsExactly(FailureReason.KEY_REVOKED);
  }

  @Test
  void expiredKeyRejected() {
    Instant created = Instant.parse("2020-01-01T00:00:00Z");
    String key =
        gpg.generateKey(
            "Expired <expired@example.com>", "ed25519", "1d", "--faked-system-time", at(created));
    String signature = sign(key, "--faked-system-time", at(created.plusSeconds(3600)));

    VerificationResult result = verify(key, gpg.exportArmored(key), signature);

    assertThat(result.verified()).isFalse();
    assertThat(reasons(result)).containsExactly(FailureReason.KEY_EXPIRED);
    assertThat(result.failures().get(0).message()).contains("expired at 2020-01-02T00:00:00Z");
  }

  @Test
  void expiredSignatureRejected() {
    Instant created = Instant.parse("2020-01-01T00:00:00Z");
    String key =
        gpg.generateKey(
            "Old Key <old@example.com>", "ed25519", "never", "--faked-system-time", at(created));
    String signature =
        sign(
            key,
            "--faked-system-time",
            at(created.plusSeconds(3600)),
            "--default-sig-expire",
            "1d");

    VerificationResult result = verify(key, gpg.exportArmored(key), signature);

    assertThat(result.verified()).isFalse();
    assertThat(reasons(result)).containsExactly(FailureReason.SIGNATURE_EXPIRED);
  }

  @Test
  void unexpiredSignatureVerifies() {
    String key = gpg.generateKey("Expiring <expiring@example.com>", "ed25519", "never");
    String signature = sign(key, "--default-sig-expire", "1d");

    VerificationResult result = verify(key, gpg.exportArmored(key), signature);

    assertThat(result.failures()).isEmpty();
  }

  @Test
  void signatureBeforeKeyRejected() {
    String key = gpg.generateKey("Backdated <backdated@example.com>", "ed25519", "never");
    String signature =
        sign(
            key,
            "--ignore-time-conflict",
            "--faked-system-time",
            at(Instant.now().minusSeconds(86_400)));

    VerificationResult result = verify(key, gpg.exportArmored(key), signature);

    assertThat(result.verified()).isFalse();
    assertThat(reasons(result)).containsExactly(FailureReason.SIGNATURE_TIME_INVALID);
    assertThat(result.failures().get(0).message()).contains("before the key was created");
  }

  @Test
  void futureSignatureRejected() {
    String key = gpg.generateKey("Future <future@example.com>", "ed25519", "never");
    String signature =
        sign(
            key,
            "--faked-system-time",
            at(Instant.now().plus(OpenPgpSignatures.MAX_CLOCK_SKEW).plusSeconds(600)));

    VerificationResult result = verify(key, gpg.exportArmored(key), signature);

    assertThat(result.verified()).isFalse();
    assertThat(reasons(result)).containsExactly(FailureReason.SIGNATURE_TIME_INVALID);
    assertThat(result.failures().get(0).message()).contains("after the current time");
  }

  @Test
  void signatureWithinSkewVerifies() {
    String key = gpg.generateKey("Skewed <skewed@example.com>", "ed25519", "never");
    String signature = sign(key, "--faked-system-time", at(Instant.now().plusSeconds(120)));

    VerificationResult result = verify(key, gpg.exportArmored(key), signature);

    assertThat(result.failures()).isEmpty();
  }

  private VerificationResult verify(String key, String exported, String signature) {
    return verify(exported, occurrence(key, signature));
  }

  private VerificationResult verify(String exported, ObjectNode occurrence) {
    Attestor attestor = new Attestor("qa", NOTE, AttestorKeys.parse("qa", exported));
    return verifier.verify(attestor, occurrence, digest);
  }

  private static ObjectNode occurrence(String key, String signature) {
    byte[] payload = Occurrences.simpleSigningPayload();
    return Occurrences.withSignature(payload, signature.getBytes(StandardCharsets.US_ASCII), key);
  }

  private static String sign(String key, String... options) {
    return gpg.detachSignArmored(key, Occurrences.simpleSigningPayload(), options);
  }

  private static List<FailureReason> reasons(VerificationResult result) {
    return result.failures().stream().map(VerificationFailure::reason).toList();
  }

  private static String at(Instant time) {
    return GPG_TIME.format(time);
  }
}
