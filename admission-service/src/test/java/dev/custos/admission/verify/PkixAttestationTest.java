package dev.custos.admission.verify;

import static dev.custos.admission.verify.Occurrences.DIGEST;
import static dev.custos.admission.verify.Occurrences.NOTE;
import static dev.custos.admission.verify.Occurrences.OTHER_DIGEST;
import static dev.custos.admission.verify.Occurrences.REPOSITORY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.admission.verify.OpenSslKey.Type;
import dev.custos.events.image.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** PKIX attestations signed in the test by the real {@code openssl}, one key per key type. */
class PkixAttestationTest {
  @TempDir static Path directory;

  private static final Map<Type, OpenSslKey> KEYS = new EnumMap<>(Type.class);
  private static final Map<Type, PkixAttestorKey> ATTESTOR_KEYS = new EnumMap<>(Type.class);
  private static OpenSslKey outsider;
  private static Attestor attestor;

  private final AttestationVerifier verifier = new AttestationVerifier();
  private final Digest digest = Digest.parse(DIGEST);

  @BeforeAll
  static void generateKeys() {
    ExternalTool.assumeInstalled("openssl");
    List<AttestorKey> keys = new ArrayList<>();
    for (Type type : Type.values()) {
      OpenSslKey key = OpenSslKey.generate(type, directory, type.name());
      PkixAttestorKey attestorKey = AttestorKeys.parsePkix("qa", key.publicPem(), null);
      KEYS.put(type, key);
      ATTESTOR_KEYS.put(type, attestorKey);
      keys.add(attestorKey);
    }
    outsider = OpenSslKey.generate(Type.EC_P256, directory, "outsider");
    attestor = new Attestor("qa", NOTE, keys);
  }

  @ParameterizedTest
  @EnumSource(Type.class)
  void keyIdIsSha256OfDer(Type type) {
    String expected = AttestorKeys.pkixKeyId(KEYS.get(type).publicDer());

    assertThat(ATTESTOR_KEYS.get(type).id()).isEqualTo(expected).startsWith("ni:///sha-256;");
  }

  @ParameterizedTest
  @EnumSource(Type.class)
  void opensslSignatureVerifies(Type type) throws IOException {
    byte[] payload = Occurrences.simpleSigningPayload();
    ObjectNode occurrence = occurrence(type, payload, KEYS.get(type).sign(payload));

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.failures()).isEmpty();
    assertThat(result.keyId()).isEqualTo(ATTESTOR_KEYS.get(type).id());
  }

  @ParameterizedTest
  @EnumSource(Type.class)
  void replayForOtherDigestRejected(Type type) throws IOException {
    byte[] payload = Occurrences.simpleSigningPayload(REPOSITORY, OTHER_DIGEST);
    ObjectNode occurrence = occurrence(type, payload, KEYS.get(type).sign(payload));

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.verified()).isFalse();
    assertThat(result.firstReason()).contains(FailureReason.PAYLOAD_DIGEST_MISMATCH);
  }

  @ParameterizedTest
  @EnumSource(Type.class)
  void replayForOtherRepositoryRejected(Type type) throws IOException {
    byte[] payload = Occurrences.simpleSigningPayload("ghcr.io/acme/other:v1", DIGEST);
    ObjectNode occurrence = occurrence(type, payload, KEYS.get(type).sign(payload));

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.verified()).isFalse();
    assertThat(result.firstReason()).contains(FailureReason.PAYLOAD_REPOSITORY_MISMATCH);
  }

  @ParameterizedTest
  @EnumSource(Type.class)
  void editedPayloadRejected(Type type) throws IOException {
    byte[] signature =
        KEYS.get(type).sign(Occurrences.simpleSigningPayload(REPOSITORY, OTHER_DIGEST));
    ObjectNode occurrence = occurrence(type, Occurrences.simpleSigningPayload(), signature);

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.verified()).isFalse();
    assertThat(result.firstReason()).contains(FailureReason.SIGNATURE_INVALID);
  }

  @ParameterizedTest
  @CsvSource({
    "EC_P256, 72, SIGNATURE_MALFORMED",
    "EC_P384, 104, SIGNATURE_MALFORMED",
    "RSA_PKCS1, 256, SIGNATURE_INVALID",
    "RSA_PSS, 256, SIGNATURE_INVALID",
    "ED25519, 64, SIGNATURE_INVALID",
    "ED25519, 63, SIGNATURE_MALFORMED",
    "RSA_PKCS1, 255, SIGNATURE_MALFORMED",
  })
  void randomBytesRejected(Type type, int length, FailureReason expected) {
    byte[] forged = new byte[length];
    new SecureRandom().nextBytes(forged);
    forged[0] = 0x30;
    ObjectNode occurrence = occurrence(type, Occurrences.simpleSigningPayload(), forged);

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.verified()).isFalse();
    assertThat(result.firstReason()).contains(expected);
  }

  @Test
  void outsiderKeyRejected() throws IOException {
    byte[] payload = Occurrences.simpleSigningPayload();
    String outsiderId = AttestorKeys.pkixKeyId(outsider.publicDer());
    ObjectNode occurrence = Occurrences.withSignature(payload, outsider.sign(payload), outsiderId);

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.verified()).isFalse();
    assertThat(result.firstReason()).contains(FailureReason.UNKNOWN_KEY);
  }

  @Test
  void outsiderClaimingAttestorKeyRejected() throws IOException {
    byte[] payload = Occurrences.simpleSigningPayload();
    ObjectNode occurrence = occurrence(Type.EC_P256, payload, outsider.sign(payload));

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.firstReason()).contains(FailureReason.SIGNATURE_INVALID);
  }

  @Test
  void mismatchedKeyIdRejected() throws IOException {
    byte[] payload = Occurrences.simpleSigningPayload();
    byte[] signature = KEYS.get(Type.EC_P256).sign(payload);
    ObjectNode occurrence = occurrence(Type.EC_P384, payload, signature);

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.verified()).isFalse();
    assertThat(result.firstReason()).contains(FailureReason.KEY_ID_MISMATCH);
    assertThat(result.failures().get(0).message()).contains(ATTESTOR_KEYS.get(Type.EC_P256).id());
  }

  @Test
  void unknownKeyIdWithValidSignatureRejected() throws IOException {
    byte[] payload = Occurrences.simpleSigningPayload();
    byte[] signature = KEYS.get(Type.ED25519).sign(payload);
    ObjectNode occurrence = Occurrences.withSignature(payload, signature, "ni:///sha-256;unknown");

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.firstReason()).contains(FailureReason.KEY_ID_MISMATCH);
  }

  @Test
  void explicitKeyIdVerifies() throws IOException {
    PkixAttestorKey key =
        AttestorKeys.parsePkix("qa", KEYS.get(Type.EC_P384).publicPem(), "qa-ec-2026");
    Attestor withExplicitId = new Attestor("qa", NOTE, List.of(key));
    byte[] payload = Occurrences.simpleSigningPayload();
    byte[] signature = KEYS.get(Type.EC_P384).sign(payload);
    ObjectNode occurrence = Occurrences.withSignature(payload, signature, "qa-ec-2026");

    VerificationResult result = verifier.verify(withExplicitId, occurrence, digest);

    assertThat(result.failures()).isEmpty();
    assertThat(result.keyId()).isEqualTo("qa-ec-2026");
  }

  @Test
  void missingPayloadRejected() throws IOException {
    byte[] signature = KEYS.get(Type.ED25519).sign(Occurrences.simpleSigningPayload());
    ObjectNode occurrence = occurrence(Type.ED25519, null, signature);

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.firstReason()).contains(FailureReason.OCCURRENCE_MALFORMED);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"critical\":{\"type\":\"cosign container image signature\",\"image\":{\"docker-manifest-digest\":\"DIGEST\"},\"identity\":{\"docker-reference\":\"REPO\"}}}",
        "{\"critical\":{\"type\":\"atomic container signature\",\"image\":{\"docker-manifest-digest\":\"DIGEST\"}}}",
        "{\"critical\":{\"type\":\"atomic container signature\",\"image\":{\"docker-manifest-digest\":\"DIGEST\",\"docker-manifest-digest\":\"DIGEST\"},\"identity\":{\"docker-reference\":\"REPO\"}}}",
        "{\"critical\":{\"type\":\"atomic container signature\",\"image\":{\"docker-manifest-digest\":\"sha256:ABC\"},\"identity\":{\"docker-reference\":\"REPO\"}}}",
        "{\"critical\":{\"type\":\"atomic container signature\",\"image\":{\"docker-manifest-digest\":\"DIGEST\"},\"identity\":{\"docker-reference\":\"REPO\"}}} {}",
        "sha256:not json",
      })
  void malformedPayloadRejected(String template) throws IOException {
    String json = template.replace("DIGEST", DIGEST).replace("REPO", REPOSITORY);
    byte[] payload = json.getBytes(StandardCharsets.UTF_8);
    ObjectNode occurrence = occurrence(Type.ED25519, payload, KEYS.get(Type.ED25519).sign(payload));

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.verified()).isFalse();
    assertThat(result.firstReason()).contains(FailureReason.PAYLOAD_MALFORMED);
  }

  @Test
  void referenceWithTagVerifies() throws IOException {
    byte[] payload = Occurrences.simpleSigningPayload(REPOSITORY + ":v1", DIGEST);
    ObjectNode occurrence = occurrence(Type.ED25519, payload, KEYS.get(Type.ED25519).sign(payload));

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.failures()).isEmpty();
    assertThat(result.verified()).isTrue();
  }

  @Test
  void referenceWithOtherDigestRejected() throws IOException {
    byte[] payload = Occurrences.simpleSigningPayload(REPOSITORY + "@" + OTHER_DIGEST, DIGEST);
    ObjectNode occurrence = occurrence(Type.ED25519, payload, KEYS.get(Type.ED25519).sign(payload));

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.firstReason()).contains(FailureReason.PAYLOAD_DIGEST_MISMATCH);
  }

  @Test
  void dockerHubShortNameMatches() throws IOException {
    byte[] payload = Occurrences.simpleSigningPayload("nginx", DIGEST);
    ObjectNode occurrence = occurrence(Type.ED25519, payload, KEYS.get(Type.ED25519).sign(payload));
    occurrence.put("resourceUri", "https://docker.io/library/nginx@" + DIGEST);

    VerificationResult result = verifier.verify(attestor, occurrence, digest);

    assertThat(result.failures()).isEmpty();
    assertThat(result.verified()).isTrue();
  }

  private static ObjectNode occurrence(Type type, byte[] payload, byte[] signature) {
    return Occurrences.withSignature(payload, signature, ATTESTOR_KEYS.get(type).id());
  }
}
