package dev.custos.admission.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custos.admission.policy.InvalidPolicyException;
import dev.custos.admission.policy.LoadedPolicy;
import dev.custos.admission.policy.PolicyParser;
import dev.custos.admission.verify.TestAttestor;
import dev.custos.events.image.ImageReference;
import dev.custos.events.metadata.OccurrenceCreated;
import dev.custos.events.metadata.OccurrenceKind;
import dev.custos.events.metadata.OccurrenceUpdated;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache with attestations signed by the real {@code openssl}, without Kafka. */
class VerifiedDigestCacheTest {
  private static final String NOTE = "projects/custos/notes/qa";
  private static final String REPOSITORY = "registry.example.com/team/app";
  private static final String DIGEST = "sha256:" + "a".repeat(64);
  private static final String OTHER_DIGEST = "sha256:" + "b".repeat(64);
  private static final String NAME = "projects/custos/occurrences/one";

  @TempDir static Path directory;

  private static TestAttestor trusted;
  private static TestAttestor outsider;
  private static LoadedPolicy trustsFirst;
  private static LoadedPolicy trustsSecond;

  private final VerifiedDigestCache cache = new VerifiedDigestCache();

  @BeforeAll
  static void generateKeys() throws InvalidPolicyException {
    trusted = TestAttestor.generate(directory.resolve("trusted.pem"));
    outsider = TestAttestor.generate(directory.resolve("outsider.pem"));
    trustsFirst = policy(trusted);
    trustsSecond = policy(outsider);
  }

  @Test
  void verifiedAttestationAdmitsDigest() {
    cache.install(trustsFirst);

    cache.put(created(NAME, DIGEST, trusted));

    assertThat(attestorsFor(DIGEST)).containsExactly("qa");
    assertThat(cache.digestCount()).isEqualTo(1);
    assertThat(cache.occurrenceCount()).isEqualTo(1);
  }

  @Test
  void unknownKeyIsKeptNotVerified() {
    cache.install(trustsFirst);

    cache.put(created(NAME, DIGEST, outsider));

    assertThat(attestorsFor(DIGEST)).isEmpty();
    assertThat(cache.occurrenceCount()).isEqualTo(1);
  }

  @Test
  void queriedAttestationAdmitsDigest() {
    cache.install(trustsFirst);

    boolean kept = cache.putQueried(created(NAME, DIGEST, trusted));

    assertThat(kept).isTrue();
    assertThat(attestorsFor(DIGEST)).containsExactly("qa");
  }

  @Test
  void queriedAttestationAfterDeleteIgnored() {
    cache.install(trustsFirst);
    cache.put(created(NAME, DIGEST, trusted));
    cache.remove(NAME);

    boolean kept = cache.putQueried(created(NAME, DIGEST, trusted));

    assertThat(kept).isFalse();
    assertThat(attestorsFor(DIGEST)).isEmpty();
    assertThat(cache.occurrenceCount()).isZero();
  }

  @Test
  void queriedAttestationKeepsTopicVersion() {
    cache.install(trustsFirst);
    cache.put(created(NAME, DIGEST, outsider));

    boolean kept = cache.putQueried(created(NAME, DIGEST, trusted));

    assertThat(kept).isFalse();
    assertThat(attestorsFor(DIGEST)).isEmpty();
  }

  @Test
  void removeForgetsDigest() {
    cache.install(trustsFirst);
    cache.put(created(NAME, DIGEST, trusted));

    cache.remove(NAME);

    assertThat(attestorsFor(DIGEST)).isEmpty();
    assertThat(cache.occurrenceCount()).isZero();
  }

  @Test
  void otherOccurrenceKeepsDigest() {
    cache.install(trustsFirst);
    cache.put(created(NAME, DIGEST, trusted));
    cache.put(created("projects/custos/occurrences/two", DIGEST, trusted));

    cache.remove(NAME);

    assertThat(attestorsFor(DIGEST)).containsExactly("qa");
  }

  @Test
  void removeReportsLostAttestor() {
    List<LostAttestation> lost = new ArrayList<>();
    cache.setLossListener(lost::addAll);
    cache.install(trustsFirst);
    cache.put(created(NAME, DIGEST, trusted));

    cache.remove(NAME);

    assertThat(lost)
        .containsExactly(new LostAttestation(REPOSITORY + "@" + DIGEST, DIGEST, "qa", NAME));
  }

  @Test
  void otherOccurrencePreventsLoss() {
    List<LostAttestation> lost = new ArrayList<>();
    cache.setLossListener(lost::addAll);
    cache.install(trustsFirst);
    cache.put(created(NAME, DIGEST, trusted));
    cache.put(created("projects/custos/occurrences/two", DIGEST, trusted));

    cache.remove(NAME);

    assertThat(lost).isEmpty();
  }

  @Test
  void policyChangeReportsLoss() {
    List<LostAttestation> lost = new ArrayList<>();
    cache.setLossListener(lost::addAll);
    cache.install(trustsFirst);
    cache.put(created(NAME, DIGEST, trusted));

    cache.install(trustsSecond);

    assertThat(lost)
        .containsExactly(new LostAttestation(REPOSITORY + "@" + DIGEST, DIGEST, "qa", NAME));
  }

  @Test
  void updateMovesVerification() {
    cache.install(trustsFirst);
    cache.put(created(NAME, DIGEST, trusted));

    JsonNode moved = trusted.signedOccurrence(NAME, NOTE, REPOSITORY, OTHER_DIGEST);
    cache.put(
        new OccurrenceUpdated(NAME, OccurrenceKind.ATTESTATION, uri(OTHER_DIGEST), NOTE, moved));

    assertThat(attestorsFor(DIGEST)).isEmpty();
    assertThat(attestorsFor(OTHER_DIGEST)).containsExactly("qa");
  }

  @Test
  void policyChangeReverifies() {
    cache.install(trustsFirst);
    cache.put(created(NAME, DIGEST, trusted));
    cache.put(created("projects/custos/occurrences/two", OTHER_DIGEST, outsider));

    cache.install(trustsSecond);

    assertThat(attestorsFor(DIGEST)).isEmpty();
    assertThat(attestorsFor(OTHER_DIGEST)).containsExactly("qa");
    assertThat(cache.snapshot().policy()).isSameAs(trustsSecond);
  }

  @Test
  void eventsBeforePolicyVerifiedOnInstall() {
    cache.put(created(NAME, DIGEST, trusted));
    assertThat(cache.snapshot()).isNull();

    cache.install(trustsFirst);

    assertThat(attestorsFor(DIGEST)).containsExactly("qa");
  }

  @Test
  void oldSnapshotKeepsOldVerifications() {
    cache.install(trustsFirst);
    cache.put(created(NAME, DIGEST, trusted));
    CacheSnapshot before = cache.snapshot();

    cache.install(trustsSecond);

    ImageReference image = ImageReference.parse(REPOSITORY + "@" + DIGEST);
    assertThat(before.attestorsFor(image)).containsExactly("qa");
    assertThat(cache.snapshot().attestorsFor(image)).isEmpty();
  }

  private Set<String> attestorsFor(String digest) {
    return cache.snapshot().attestorsFor(ImageReference.parse(REPOSITORY + "@" + digest));
  }

  @Test
  void attestationBindsItsRepository() {
    cache.install(trustsFirst);
    cache.put(created(NAME, DIGEST, trusted));

    ImageReference sameRepository = ImageReference.parse(REPOSITORY + ":v2@" + DIGEST);
    ImageReference otherRepository =
        ImageReference.parse("registry.example.com/other/app@" + DIGEST);
    assertThat(cache.snapshot().attestorsFor(sameRepository)).containsExactly("qa");
    assertThat(cache.snapshot().attestorsFor(otherRepository)).isEmpty();
  }

  @Test
  void outerResourceUriIgnored() {
    cache.install(trustsFirst);
    JsonNode genuine = trusted.signedOccurrence(NAME, NOTE, REPOSITORY, DIGEST);
    String evil = "localhost:5000/evil";

    cache.put(
        new OccurrenceCreated(
            NAME, OccurrenceKind.ATTESTATION, "https://" + evil + "@" + DIGEST, NOTE, genuine));

    ImageReference evilImage = ImageReference.parse(evil + "@" + DIGEST);
    assertThat(cache.snapshot().attestorsFor(evilImage)).isEmpty();
    assertThat(attestorsFor(DIGEST)).isEmpty();
    assertThat(cache.mismatchedCount()).isEqualTo(1);
    assertThat(cache.occurrenceCount()).isEqualTo(1);
  }

  @Test
  void mismatchedUpdateReplacesVerifiedVersion() {
    List<LostAttestation> lost = new ArrayList<>();
    cache.setLossListener(lost::addAll);
    cache.install(trustsFirst);
    cache.put(created(NAME, DIGEST, trusted));
    JsonNode genuine = trusted.signedOccurrence(NAME, NOTE, REPOSITORY, DIGEST);

    cache.put(
        new OccurrenceUpdated(
            NAME, OccurrenceKind.ATTESTATION, uri(DIGEST), "projects/custos/notes/other", genuine));

    assertThat(attestorsFor(DIGEST)).isEmpty();
    assertThat(cache.mismatchedCount()).isEqualTo(1);
    assertThat(lost)
        .containsExactly(new LostAttestation(REPOSITORY + "@" + DIGEST, DIGEST, "qa", NAME));
  }

  @Test
  void mismatchedEventSurvivesPolicyReload() {
    cache.install(trustsFirst);
    JsonNode genuine = trusted.signedOccurrence(NAME, NOTE, REPOSITORY, DIGEST);
    cache.put(
        new OccurrenceCreated(
            "projects/custos/occurrences/other-name",
            OccurrenceKind.ATTESTATION,
            uri(DIGEST),
            NOTE,
            genuine));

    cache.install(trustsFirst);

    assertThat(attestorsFor(DIGEST)).isEmpty();
  }

  private static OccurrenceCreated created(String name, String digest, TestAttestor key) {
    JsonNode occurrence = key.signedOccurrence(name, NOTE, REPOSITORY, digest);
    return new OccurrenceCreated(name, OccurrenceKind.ATTESTATION, uri(digest), NOTE, occurrence);
  }

  private static String uri(String digest) {
    return "https://" + REPOSITORY + "@" + digest;
  }

  private static LoadedPolicy policy(TestAttestor key) throws InvalidPolicyException {
    String indentedKey = key.publicPem().strip().replace("\n", "\n          ");
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
    return LoadedPolicy.of(new PolicyParser("custos").parse(yaml));
  }
}
