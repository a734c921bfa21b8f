package dev.custos.admission.verify;

import static dev.custos.admission.verify.Occurrences.DIGEST;
import static dev.custos.admission.verify.Occurrences.NOTE;
import static dev.custos.admission.verify.Occurrences.resource;
import static dev.custos.admission.verify.Occurrences.resourceText;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.events.image.Digest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Verification of signatures that GnuPG 2.2, OpenSSL 3.0 and skopeo made on a Debian 12 machine,
 * stored under {@code src/test/resources/verify}.
 */
class SampleAttestationTest {
  private static final String GPG_FINGERPRINT = "952AB78D56F84747BA980BD903481331C686F7F5";
  private static final String GPG_LONG_KEY_ID = "03481331C686F7F5";

  private final AttestationVerifier verifier = new AttestationVerifier();
  private final Digest digest = Digest.parse(DIGEST);

  @Test
  void gpgKeyIdIsFingerprint() {
    List<OpenPgpAttestorKey> keys =
        AttestorKeys.parseOpenPgp("qa", resourceText("attestor-rsa.pub.asc"));

    assertThat(keys).hasSize(1);
    assertThat(keys.get(0).id()).isEqualTo(GPG_FINGERPRINT);
    assertThat(keys.get(0).longKeyId()).isEqualTo(GPG_LONG_KEY_ID);
    assertThat(keys.get(0).description()).isEqualTo("OpenPGP RSA 2048");
  }

  @Test
  void pkixKeyIdIsSha256OfDer() {
    String expectedHex = resourceText("ec-p256.pub.der.sha256").split(" ")[0];
    byte[] expectedHash = HexFormat.of().parseHex(expectedHex);
    String expectedId =
        "ni:///sha-256;" + Base64.getUrlEncoder().withoutPadding().encodeToString(expectedHash);

    PkixAttestorKey key = AttestorKeys.parsePkix("qa", resourceText("ec-p256.pub.pem"), null);

    assertThat(key.id()).isEqualTo(expectedId);
    assertThat(key.scheme()).isEqualTo(PkixAttestorKey.Scheme.ECDSA_P256_SHA256);
  }

  @ParameterizedTest
  @CsvSource({
    GPG_FINGERPRINT,
    GPG_LONG_KEY_ID,
    "952ab78d56f84747ba980bd903481331c686f7f5",
  })
  void tutorialClearSignedVerifies(String pgpKeyId) {
    ObjectNode occurrence = Occurrences.pgpSigned(resourceText("signature.gpg"), pgpKeyId);

    VerificationResult result = verifier.verify(gpgAttestor(), occurrence, digest);

    assertThat(result.failures()).isEmpty();
    assertThat(result.verified()).isTrue();
    assertThat(result.keyId()).isEqualTo(GPG_FINGERPRINT);
  }

  @Test
  void clearSignedInV1ShapeVerifies() {
    ObjectNode occurrence =
        Occurrences.withSignature(null, resource("signature.gpg"), GPG_FINGERPRINT);

    VerificationResult result = verifier.verify(gpgAttestor(), occurrence, digest);

    assertThat(result.failures()).isEmpty();
    assertThat(result.keyId()).isEqualTo(GPG_FINGERPRINT);
  }

  @Test
  void clearSignedWithMatchingPayloadVerifies() {
    ObjectNode occurrence =
        Occurrences.withSignature(
            resource("image-digest.txt"), resource("signature.gpg"), GPG_FINGERPRINT);

    VerificationResult result = verifier.verify(gpgAttestor(), occurrence, digest);

    assertThat(result.failures()).isEmpty();
    assertThat(result.verified()).isTrue();
  }

  @Test
  void clearSignedForOtherDigestRejected() {
    ObjectNode occurrence = Occurrences.pgpSigned(resourceText("signature.gpg"), GPG_FINGERPRINT);
    occurrence.put("resourceUri", "https://127.0.0.1:5055/feas/demo@" + Occurrences.OTHER_DIGEST);

    VerificationResult result =
        verifier.verify(gpgAttestor(), occurrence, Digest.parse(Occurrences.OTHER_DIGEST));

    assertThat(result.verified()).isFalse();
    assertThat(result.firstReason()).contains(FailureReason.PAYLOAD_DIGEST_MISMATCH);
  }

  @Test
  void detachedDigestTextIsNotSimpleSigning() {
    ObjectNode occurrence =
        Occurrences.withSignature(
            resource("image-digest.txt"), resource("image-digest.txt.asc"), GPG_FINGERPRINT);

    VerificationResult result = verifier.verify(gpgAttestor(), occurrence, digest);

    assertThat(result.verified()).isFalse();
    assertThat(result.firstReason()).contains(FailureReason.PAYLOAD_MALFORMED);
  }

  @Test
  void skopeoSignatureVerifies() {
    ObjectNode occurrence =
        Occurrences.withSignature(
            resource("simple-signing-signature-1.payload.json"),
            resource("simple-signing-signature-1"),
            GPG_FINGERPRINT);

    VerificationResult result = verifier.verify(gpgAttestor(), occurrence, digest);

    assertThat(result.failures()).isEmpty();
    assertThat(result.keyId()).isEqualTo(GPG_FINGERPRINT);
  }

  @Test
  void skopeoSignatureWithoutPayloadVerifies() {
    ObjectNode occurrence =
        Occurrences.withSignature(null, resource("simple-signing-signature-1"), GPG_FINGERPRINT);

    VerificationResult result = verifier.verify(gpgAttestor(), occurrence, digest);

    assertThat(result.failures()).isEmpty();
    assertThat(result.verified()).isTrue();
  }

  @Test
  void skopeoSignatureWithOtherPayloadRejected() {
    ObjectNode occurrence =
        Occurrences.withSignature(
            resource("payload.json"), resource("simple-signing-signature-1"), GPG_FINGERPRINT);

    VerificationResult result = verifier.verify(gpgAttestor(), occurrence, digest);

    assertThat(result.verified()).isFalse();
    assertThat(result.firstReason()).contains(FailureReason.SIGNED_CONTENT_MISMATCH);
  }

  @ParameterizedTest
  @CsvSource({
    "ec-p256.pub.pem, payload.json.ecdsa-p256-sha256.der.sig",
    "ed25519.pub.pem, payload.json.ed25519.sig",
    "rsa.pub.pem, payload.json.rsa-pss-sha256.sig",
  })
  void opensslSignatureVerifies(String publicKey, String signature) {
    PkixAttestorKey key = AttestorKeys.parsePkix("qa", resourceText(publicKey), null);
    Attestor attestor = new Attestor("qa", NOTE, List.of(key));
    ObjectNode occurrence =
        Occurrences.withSignature(resource("payload.json"), resource(signature), key.id());

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.failures()).isEmpty();
    assertThat(result.keyId()).isEqualTo(key.id());
  }

  @Test
  void parallelVerificationsAllVerify() throws Exception {
    Attestor attestor = gpgAttestor();
    ObjectNode clearSigned = Occurrences.pgpSigned(resourceText("signature.gpg"), GPG_FINGERPRINT);
    ObjectNode inline =
        Occurrences.withSignature(null, resource("simple-signing-signature-1"), GPG_FINGERPRINT);
    ExecutorService executor = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        ObjectNode occurrence = i % 2 == 0 ? clearSigned : inline;
        results.add(
            executor.submit(() -> verifier.verify(attestor, occurrence, digest).verified()));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get(30, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      executor.shutdownNow();
    }
  }

  private static Attestor gpgAttestor() {
    List<AttestorKey> keys = AttestorKeys.parse("qa", resourceText("attestor-rsa.pub.asc"));
    return new Attestor("qa", NOTE, keys);
  }
}
