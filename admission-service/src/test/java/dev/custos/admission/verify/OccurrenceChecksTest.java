package dev.custos.admission.verify;

import static dev.custos.admission.verify.Occurrences.DIGEST;
import static dev.custos.admission.verify.Occurrences.NOTE;
import static dev.custos.admission.verify.Occurrences.OTHER_DIGEST;
import static dev.custos.admission.verify.Occurrences.REPOSITORY;
import static dev.custos.admission.verify.Occurrences.resource;
import static dev.custos.admission.verify.Occurrences.resourceText;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.events.image.Digest;
import dev.custos.events.image.ImageReference;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks on the occurrence around the signature: kind, note, resource URI and encoding. Uses the
 * Ed25519 signature that OpenSSL made over {@code payload.json}.
 */
class OccurrenceChecksTest {
  private final AttestationVerifier verifier = new AttestationVerifier();
  private final Digest digest = Digest.parse(DIGEST);
  private final PkixAttestorKey key =
      AttestorKeys.parsePkix("qa", resourceText("ed25519.pub.pem"), null);
  private final Attestor attestor = new Attestor("qa", NOTE, List.of(key));

  @Test
  void grafeasJsonVerifies() {
    String json =
        "{\"name\":\"projects/custos/occurrences/7d1e\","
            + "\"resourceUri\":\"https://"
            + REPOSITORY
            + "@"
            + DIGEST
            + "\",\"noteName\":\""
            + NOTE
            + "\",\"kind\":\"ATTESTATION\",\"createTime\":\"2026-12-04T17:00:00Z\","
            + "\"attestation\":{\"serializedPayload\":\""
            + Occurrences.base64(resource("payload.json"))
            + "\",\"signatures\":[{\"signature\":\""
            + Occurrences.base64(resource("payload.json.ed25519.sig"))
            + "\",\"publicKeyId\":\""
            + key.id()
            + "\"}]}}";

    VerificationResult result = verifier.verify(attestor, Occurrences.parse(json), digest);

    assertThat(result.failures()).isEmpty();
    assertThat(result.keyId()).isEqualTo(key.id());
  }

  @Test
  void resourceUriWithoutSchemeVerifies() {
    ObjectNode occurrence = valid();
    occurrence.put("resourceUri", REPOSITORY + "@" + DIGEST);

    assertThat(verifier.verify(attestor, occurrence, digest).verified()).isTrue();
  }

  @Test
  void urlSafeBase64Verifies() {
    ObjectNode occurrence = valid();
    byte[] signature = resource("payload.json.ed25519.sig");
    String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    firstSignature(occurrence).put("signature", urlSafe);

    assertThat(verifier.verify(attestor, occurrence, digest).verified()).isTrue();
  }

  @Test
  void otherNoteRejected() {
    ObjectNode occurrence = valid();
    occurrence.put("noteName", "projects/custos/notes/other");

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.verified()).isFalse();
    assertThat(result.firstReason()).contains(FailureReason.NOTE_MISMATCH);
  }

  @Test
  void tagOnlyResourceUriRejected() {
    ObjectNode occurrence = valid();
    occurrence.put("resourceUri", "https://" + REPOSITORY + ":v1");

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.verified()).isFalse();
    assertThat(result.firstReason()).contains(FailureReason.RESOURCE_URI_WITHOUT_DIGEST);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"ftp://127.0.0.1:5055/feas/demo@" + DIGEST, "127.0.0.1:5055/Feas/demo@" + DIGEST})
  void invalidResourceUriRejected(String resourceUri) {
    ObjectNode occurrence = valid();
    occurrence.put("resourceUri", resourceUri);

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.firstReason()).contains(FailureReason.RESOURCE_URI_INVALID);
  }

  @Test
  void otherDigestRequestedRejected() {
    VerificationResult result = verifier.verify(attestor, valid(), Digest.parse(OTHER_DIGEST));

    assertThat(result.verified()).isFalse();
    assertThat(result.firstReason()).contains(FailureReason.RESOURCE_DIGEST_MISMATCH);
  }

  @Test
  void dsseKindRejected() {
    ObjectNode occurrence = valid();
    occurrence.put("kind", "DSSE_ATTESTATION");

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.firstReason()).contains(FailureReason.KIND_UNSUPPORTED);
  }

  @Test
  void missingKindAccepted() {
    ObjectNode occurrence = valid();
    occurrence.remove("kind");

    assertThat(verifier.verify(attestor, occurrence, digest).verified()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"noteName", "resourceUri", "attestation"})
  void missingFieldRejected(String field) {
    ObjectNode occurrence = valid();
    occurrence.remove(field);

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.firstReason()).contains(FailureReason.OCCURRENCE_MALFORMED);
    assertThat(result.failures().get(0).message()).contains(field);
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "\"occurrence\"", "null"})
  void nonObjectRejected(String json) {
    JsonNode occurrence = Occurrences.parse(json);

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.firstReason()).contains(FailureReason.OCCURRENCE_MALFORMED);
  }

  @Test
  void emptySignaturesRejected() {
    ObjectNode occurrence = valid();
    occurrence.withArray("/attestation/signatures").removeAll();

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.firstReason()).contains(FailureReason.NO_SIGNATURES);
  }

  @Test
  void tooManySignaturesRejected() {
    ObjectNode occurrence = valid();
    ArrayNode signatures = occurrence.withArray("/attestation/signatures");
    for (int i = 0; i < AttestationOccurrence.MAX_SIGNATURES; i++) {
      signatures.add(signatures.get(0).deepCopy());
    }

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.firstReason()).contains(FailureReason.OCCURRENCE_MALFORMED);
    assertThat(result.failures().get(0).message()).contains("65 signatures");
  }

  @Test
  void invalidSignatureBase64Rejected() {
    ObjectNode occurrence = valid();
    firstSignature(occurrence).put("signature", "%%%");

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.firstReason()).contains(FailureReason.SIGNATURE_MALFORMED);
  }

  @Test
  void invalidPayloadBase64Rejected() {
    ObjectNode occurrence = valid();
    occurrence.withObject("/attestation").put("serializedPayload", "not base64!");

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.firstReason()).contains(FailureReason.OCCURRENCE_MALFORMED);
  }

  @Test
  void failureMessagesNameTheValues() {
    ObjectNode occurrence = valid();
    occurrence.put("noteName", "projects/custos/notes/other");

    VerificationFailure failure = verifier.verify(attestor, occurrence, digest).failures().get(0);

    assertThat(failure.message()).contains("projects/custos/notes/other").contains(NOTE);
  }

  @Test
  void pkixSignatureLikeOpenPgpPacketRouted() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
    KeyPair pair = generator.generateKeyPair();
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n";
    Attestor javaKeyAttestor =
        new Attestor("qa", NOTE, List.of(AttestorKeys.parsePkix("qa", pem, null)));
    // 0xA0 to 0xA3 start an old-format OpenPGP compressed data packet.
    byte[] payload = null;
    byte[] signature = null;
    for (int i = 0; signature == null || (signature[0] & 0xFC) != 0xA0; i++) {
      payload = Occurrences.simpleSigningPayload(REPOSITORY + ":v" + i, DIGEST);
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(pair.getPrivate());
      signer.update(payload);
      signature = signer.sign();
    }
    ObjectNode occurrence = Occurrences.withSignature(payload, signature, "qa-unknown-id");

    VerificationResult result = verifier.verify(javaKeyAttestor, occurrence, digest);

    assertThat(result.firstReason()).contains(FailureReason.KEY_ID_MISMATCH);
  }

  @Test
  void imageInSameRepositoryVerifies() {
    ImageReference image = ImageReference.parse(REPOSITORY + "@" + DIGEST);

    VerificationResult result = verifier.verify(attestor, valid(), image);

    assertThat(result.failures()).isEmpty();
    assertThat(result.keyId()).isEqualTo(key.id());
  }

  @Test
  void imageInOtherRepositoryRejected() {
    ImageReference image = ImageReference.parse("localhost:5000/evil@" + DIGEST);

    VerificationResult result = verifier.verify(attestor, valid(), image);

    assertThat(result.verified()).isFalse();
    assertThat(result.failures())
        .extracting(VerificationFailure::reason)
        .containsExactly(FailureReason.RESOURCE_REPOSITORY_MISMATCH);
    assertThat(result.failures().get(0).message()).contains("localhost:5000/evil");
  }

  private static ObjectNode firstSignature(ObjectNode occurrence) {
    return (ObjectNode) occurrence.withArray("/attestation/signatures").get(0);
  }

  private ObjectNode valid() {
    return Occurrences.withSignature(
        resource("payload.json"), resource("payload.json.ed25519.sig"), key.id());
  }
}
