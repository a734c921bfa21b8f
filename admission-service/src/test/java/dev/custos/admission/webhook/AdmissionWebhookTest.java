package dev.custos.admission.webhook;

import static dev.custos.admission.webhook.AdmissionTestResource.NOTE;
import static dev.custos.admission.webhook.AdmissionTestResource.REPOSITORY;
import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.admission.cache.CacheSnapshot;
import dev.custos.admission.cache.VerifiedDigestCache;
import dev.custos.admission.health.AdmissionReadinessCheck;
import dev.custos.admission.verify.TestAttestor;
import dev.custos.embedded.InjectTestInfrastructure;
import dev.custos.embedded.TestInfrastructure;
import dev.custos.events.Topics;
import dev.custos.events.admission.AdmissionDecided;
import dev.custos.events.admission.AdmittedWorkloadRevoked;
import dev.custos.events.cloudevents.CloudEventKafkaCodec;
import dev.custos.events.cloudevents.ReceivedCloudEvent;
import dev.custos.events.image.ImageReference;
import dev.custos.events.metadata.OccurrenceCreated;
import dev.custos.events.metadata.OccurrenceDeleted;
import dev.custos.events.metadata.OccurrenceKind;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.SSLConfig;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /validate} against the real broker: attestation events signed by the real {@code
 * openssl} admit a digest, deletes and tombstones deny it again, and policy reloads re-verify.
 */
@QuarkusTest
@WithTestResource(AdmissionTestResource.class)
class AdmissionWebhookTest {
  private static final String SAMPLE_DIGEST =
      "sha256:e58f00228471dd110757629c4e16e8672e6f742754adfed6d5c01e6fd4886c58";
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final ObjectNode SAMPLE_REVIEW = sampleReview();
  private static final String PRE_START_DIGEST = AdmissionTestResource.PRE_START_DIGESTS.get(0);

  @InjectTestInfrastructure TestInfrastructure infrastructure;

  @ConfigProperty(name = "custos.admission.policy-file")
  Path policyFile;

  @Inject VerifiedDigestCache cache;

  @TestHTTPResource(value = "/validate", tls = true)
  URL httpsValidate;

  private KafkaProducer<String, byte[]> producer;

  @BeforeEach
  void awaitReady() {
    await()
        .atMost(TIMEOUT)
        .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    Properties properties = infrastructure.kafkaProperties();
    producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
  }

  @AfterEach
  void closeProducer() {
    producer.close();
  }

  @Test
  void readyOnlyWithPreStartAttestations() {
    CacheSnapshot snapshot = cache.snapshot();

    for (String digest : AdmissionTestResource.PRE_START_DIGESTS) {
      ImageReference image = ImageReference.parse(AdmissionTestResource.REPOSITORY + "@" + digest);
      assertThat(snapshot.attestorsFor(image)).containsExactly("qa");
    }
    given()
        .get("/q/health/ready")
        .then()
        .body(
            "checks.find { it.name == '" + AdmissionReadinessCheck.NAME + "' }.data.cacheCaughtUp",
            equalTo(true));
    given()
        .get("/q/metrics")
        .then()
        .body(containsString("custos_admission_attestations_undecodable_total 1.0"));
  }

  @Test
  void podWithoutAttestationDenied() {
    String image = REPOSITORY + "@" + SAMPLE_DIGEST;

    validate(podReview("admission.k8s.io/v1", "uid-unattested", SAMPLE_DIGEST))
        .statusCode(200)
        .body("apiVersion", equalTo("admission.k8s.io/v1"))
        .body("kind", equalTo("AdmissionReview"))
        .body("response.uid", equalTo("uid-unattested"))
        .body("response.allowed", equalTo(false))
        .body("response.status.code", equalTo(403))
        .body(
            "response.status.message",
            containsString("No matched signatures for container image: " + image));
  }

  @Test
  void attestationAdmitsDeleteDeniesAgain() throws Exception {
    String digest = randomDigest();
    String name = "projects/custos/occurrences/" + UUID.randomUUID();
    JsonNode occurrence = trusted().signedOccurrence(name, NOTE, REPOSITORY, digest);

    send(AdmissionTestResource.created(topic(), name, digest, occurrence));
    awaitAllowed(digest, true);

    send(deleted(name, digest, occurrence));
    awaitAllowed(digest, false);

    send(AdmissionTestResource.created(topic(), name, digest, occurrence));
    awaitAllowed(digest, true);

    send(new ProducerRecord<>(topic(), name, null));
    awaitAllowed(digest, false);
  }

  @Test
  void outsiderSignatureNeverAdmits() throws Exception {
    String forged = randomDigest();
    String forgedName = "projects/custos/occurrences/" + UUID.randomUUID();
    TestAttestor outsider = outsider();
    send(
        created(
            forgedName, forged, outsider.signedOccurrence(forgedName, NOTE, REPOSITORY, forged)));
    String relabelled = randomDigest();
    String relabelledName = "projects/custos/occurrences/" + UUID.randomUUID();
    JsonNode claimsTrustedKey =
        outsider.signedOccurrence(relabelledName, NOTE, REPOSITORY, relabelled, trusted().keyId());
    send(created(relabelledName, relabelled, claimsTrustedKey));

    // The topic is ordered on one partition, so once this later digest is admitted, the
    // consumer has applied the two outsider attestations before it.
    String barrier = randomDigest();
    String barrierName = "projects/custos/occurrences/" + UUID.randomUUID();
    send(
        created(
            barrierName,
            barrier,
            trusted().signedOccurrence(barrierName, NOTE, REPOSITORY, barrier)));
    awaitAllowed(barrier, true);

    validate(podReview("admission.k8s.io/v1", "uid-forged", forged))
        .body("response.allowed", equalTo(false));
    validate(podReview("admission.k8s.io/v1", "uid-relabelled", relabelled))
        .body("response.allowed", equalTo(false));
  }

  @Test
  void forgedOuterResourceUriDenied() throws Exception {
    String digest = randomDigest();
    String name = "projects/custos/occurrences/" + UUID.randomUUID();
    JsonNode genuine = trusted().signedOccurrence(name, NOTE, REPOSITORY, digest);
    send(created(name, digest, genuine));
    awaitAllowed(digest, true);
    double mismatchedBefore = metric("custos_admission_attestations_mismatched_total");

    // The genuine occurrence, republished under a new name with only the outer resourceUri
    // changed to another repository.
    String evil = "localhost:5000/evil";
    String forgedName = "projects/custos/occurrences/" + UUID.randomUUID();
    OccurrenceCreated forged =
        new OccurrenceCreated(
            forgedName,
            OccurrenceKind.ATTESTATION,
            "https://" + evil + "@" + digest,
            NOTE,
            genuine);
    send(
        new CloudEventKafkaCodec()
            .encode(forged, URI.create("/custos/forger"))
            .toProducerRecord(topic()));
    String barrier = randomDigest();
    String barrierName = "projects/custos/occurrences/" + UUID.randomUUID();
    send(
        created(
            barrierName,
            barrier,
            trusted().signedOccurrence(barrierName, NOTE, REPOSITORY, barrier)));
    awaitAllowed(barrier, true);

    validate(podReviewForImage("uid-evil", evil + "@" + digest))
        .statusCode(200)
        .body("response.allowed", equalTo(false));
    assertThat(cache.snapshot().attestorsFor(ImageReference.parse(evil + "@" + digest))).isEmpty();
    validate(podReview("admission.k8s.io/v1", "uid-genuine", digest))
        .body("response.allowed", equalTo(true));
    assertThat(metric("custos_admission_attestations_mismatched_total"))
        .isEqualTo(mismatchedBefore + 1);
  }

  @Test
  void policyWithoutKeyDeniesAgain() throws Exception {
    String original = Files.readString(policyFile);
    String digest = randomDigest();
    String name = "projects/custos/occurrences/" + UUID.randomUUID();
    send(created(name, digest, trusted().signedOccurrence(name, NOTE, REPOSITORY, digest)));
    awaitAllowed(digest, true);
    try {
      Files.writeString(policyFile, "defaultRule:\n  evaluationMode: SOMETIMES\n");
      Thread.sleep(500);
      validate(podReview("admission.k8s.io/v1", "uid-invalid-policy", digest))
          .body("response.allowed", equalTo(true));

      writeAtomically(AdmissionTestResource.policy(outsider().publicPem()));
      awaitAllowed(digest, false);
    } finally {
      writeAtomically(original);
    }
    awaitAllowed(digest, true);
  }

  @Test
  void deploymentDeniedOverTls() throws Exception {
    byte[] review;
    try (InputStream in =
        getClass()
            .getResourceAsStream("/review/admission-review-v1-deployment-create-denied.json")) {
      review = new ObjectMapper().readTree(in).get("request").toString().getBytes(UTF_8);
    }

    given()
        .config(RestAssured.config().sslConfig(SSLConfig.sslConfig().trustStore(serverTrust())))
        .contentType("application/json")
        .body(review)
        .post(httpsValidate)
        .then()
        .statusCode(200)
        .body("response.allowed", equalTo(false))
        .body("response.status.code", equalTo(403))
        .body(
            "response.status.message",
            containsString(
                "image 127.0.0.1:5055/team/demo:v2 has no digest; reference it by digest"));
  }

  @Test
  void invalidReviewIs400() {
    given()
        .contentType("application/json")
        .body("{\"kind\":\"AdmissionReview\",\"apiVersion\":\"admission.k8s.io/v1\"}")
        .post("/validate")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", equalTo("request is missing or not a JSON object"));
  }

  @Test
  void v1beta1AnsweredAsV1beta1() {
    validate(podReview("admission.k8s.io/v1beta1", "uid-v1beta1", SAMPLE_DIGEST))
        .statusCode(200)
        .body("apiVersion", equalTo("admission.k8s.io/v1beta1"))
        .body("response.uid", equalTo("uid-v1beta1"))
        .body("response.allowed", equalTo(false))
        .body("response.warnings", nullValue());
  }

  @Test
  void breakglassAdmitsWithWarning() {
    ObjectNode review = podReviewTree("admission.k8s.io/v1", "uid-breakglass", SAMPLE_DIGEST);
    ObjectNode annotations = (ObjectNode) review.at("/request/object/metadata/annotations");
    annotations.put("alpha.image-policy.k8s.io/break-glass", "true");

    validate(review.toString())
        .body("response.allowed", equalTo(true))
        .body("response.warnings[0]", containsString("break-glass"));
  }

  @Test
  void decisionsPublishedToTopic() {
    String uid = "uid-published-" + UUID.randomUUID();
    validate(podReview("admission.k8s.io/v1", uid, SAMPLE_DIGEST)).statusCode(200);

    CloudEventKafkaCodec codec = new CloudEventKafkaCodec();
    String topic = infrastructure.topic(Topics.ADMISSION_DECISIONS);
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            infrastructure.kafkaProperties(),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      await()
          .atMost(TIMEOUT)
          .untilAsserted(
              () -> {
                AdmissionDecided found = null;
                for (ConsumerRecord<String, byte[]> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  AdmissionDecided event =
                      codec.decode(record.headers(), record.value()).data(AdmissionDecided.class);
                  if (event.requestUid().equals(uid)) {
                    found = event;
                    assertThat(record.key()).isEqualTo("default/demo-pinned");
                  }
                }
                assertThat(found).isNotNull();
                assertThat(found.allowed()).isFalse();
                assertThat(found.images()).hasSize(1);
              });
    }
  }

  @Test
  void deleteReportsAdmittedPod() throws Exception {
    String digest = randomDigest();
    String name = "projects/custos/occurrences/" + UUID.randomUUID();
    JsonNode occurrence = trusted().signedOccurrence(name, NOTE, REPOSITORY, digest);
    send(created(name, digest, occurrence));
    awaitAllowed(digest, true);
    String uid = "uid-revoked-" + UUID.randomUUID();
    validate(podReview("admission.k8s.io/v1", uid, digest)).body("response.allowed", equalTo(true));

    send(deleted(name, digest, occurrence));

    CloudEventKafkaCodec codec = new CloudEventKafkaCodec();
    String topic = infrastructure.topic(Topics.ADMISSION_REVOKED);
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            infrastructure.kafkaProperties(),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
      await()
          .atMost(TIMEOUT)
          .untilAsserted(
              () -> {
                for (ConsumerRecord<String, byte[]> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  if (new String(record.value(), UTF_8).contains(name)) {
                    found.add(record);
                  }
                }
                assertThat(found).isNotEmpty();
              });

      ConsumerRecord<String, byte[]> record = found.get(found.size() - 1);
      ReceivedCloudEvent received = codec.decode(record.headers(), record.value());
      AdmittedWorkloadRevoked event = received.data(AdmittedWorkloadRevoked.class);
      assertThat(record.key()).isEqualTo("default/demo-pinned");
      assertThat(received.attributes().type().type())
          .isEqualTo("dev.custos.admission.workload.revoked");
      assertThat(received.attributes().source()).isEqualTo(DecisionPublisher.SOURCE);
      assertThat(header(record, CloudEventKafkaCodec.SPEC_VERSION_HEADER)).isEqualTo("1.0");
      assertThat(event.namespace()).isEqualTo("default");
      assertThat(event.workloadKind()).isEqualTo("Pod");
      assertThat(event.workloadName()).isEqualTo("demo-pinned");
      assertThat(event.digest()).isEqualTo(digest);
      assertThat(event.attestor()).isEqualTo("qa");
      assertThat(event.attestationOccurrenceName()).isEqualTo(name);
      assertThat(event.admissionRequestUid()).isEqualTo(uid);
    }
  }

  @Test
  void metricsExposeDecisionsAndCache() {
    validate(podReview("admission.k8s.io/v1", "uid-metrics", SAMPLE_DIGEST)).statusCode(200);

    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(
            containsString(
                "custos_admission_decisions_total{reason=\"POLICY_DENIED\",result=\"denied\"}"))
        .body(containsString("custos_admission_decision_duration_seconds_bucket"))
        .body(containsString("custos_admission_cache_digests"))
        .body(containsString("custos_admission_attestations_lag"))
        .body(containsString("custos_admission_attestations_caught_up 1.0"))
        .body(containsString("custos_admission_decision_events_dropped_total 0.0"));
  }

  @Test
  void metricsCountEachDecision() {
    String denied = "custos_admission_decisions_total{reason=\"POLICY_DENIED\",result=\"denied\"}";
    String allowed =
        "custos_admission_decisions_total{reason=\"POLICY_ALLOWED\",result=\"allowed\"}";
    String latencyCount = "custos_admission_decision_duration_seconds_count";
    validate(podReview("admission.k8s.io/v1", "uid-metrics-warm", SAMPLE_DIGEST)).statusCode(200);
    double deniedBefore = metric(denied);
    double allowedBefore = metric(allowed);
    double latencyBefore = metric(latencyCount);

    validate(podReview("admission.k8s.io/v1", "uid-metrics-denied", SAMPLE_DIGEST))
        .body("response.allowed", equalTo(false));
    validate(podReview("admission.k8s.io/v1", "uid-metrics-allowed", PRE_START_DIGEST))
        .body("response.allowed", equalTo(true));

    assertThat(metric(denied)).isEqualTo(deniedBefore + 1);
    assertThat(metric(allowed)).isEqualTo(allowedBefore + 1);
    assertThat(metric(latencyCount)).isEqualTo(latencyBefore + 2);
    assertThat(metric("custos_admission_decision_duration_seconds_bucket{le=\"+Inf\"}"))
        .isEqualTo(latencyBefore + 2);
    assertThat(metric("custos_admission_cache_digests")).isEqualTo(cache.digestCount());
    assertThat(metric("custos_admission_cache_digests"))
        .isGreaterThanOrEqualTo(AdmissionTestResource.PRE_START_DIGESTS.size());
    await()
        .atMost(TIMEOUT)
        .untilAsserted(() -> assertThat(metric("custos_admission_attestations_lag")).isZero());
  }

  /** Returns the value of the Prometheus sample whose name and labels are {@code series}. */
  private static double metric(String series) {
    String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
    for (String line : text.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim());
      }
    }
    throw new AssertionError("metric " + series + " is missing from /q/metrics");
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), UTF_8);
  }

  private ValidatableResponse validate(String review) {
    return given().contentType("application/json").body(review).post("/validate").then();
  }

  private void awaitAllowed(String digest, boolean allowed) {
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                validate(podReview("admission.k8s.io/v1", "uid-" + UUID.randomUUID(), digest))
                    .statusCode(200)
                    .body("response.allowed", equalTo(allowed)));
  }

  /**
   * Returns the Pod CREATE review that kube-apiserver sent, with another version, uid and digest.
   */
  private static String podReview(String apiVersion, String uid, String digest) {
    return podReviewTree(apiVersion, uid, digest).toString();
  }

  /** Returns the v1 Pod CREATE review with another uid and image reference. */
  private static String podReviewForImage(String uid, String image) {
    ObjectNode review = podReviewTree("admission.k8s.io/v1", uid, SAMPLE_DIGEST);
    ((ObjectNode) review.at("/request/object/spec/containers/0")).put("image", image);
    return review.toString();
  }

  private static ObjectNode podReviewTree(String apiVersion, String uid, String digest) {
    ObjectNode review = SAMPLE_REVIEW.deepCopy();
    review.put("apiVersion", apiVersion);
    ObjectNode request = (ObjectNode) review.get("request");
    request.put("uid", uid);
    ((ObjectNode) request.at("/object/spec/containers/0")).put("image", REPOSITORY + "@" + digest);
    return review;
  }

  /** Returns the AdmissionReview body of the recorded API server request. */
  private static ObjectNode sampleReview() {
    try (InputStream in =
        AdmissionWebhookTest.class.getResourceAsStream(
            "/review/admission-review-v1-pod-create-allowed.json")) {
      return (ObjectNode) new ObjectMapper().readTree(in).get("request");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ProducerRecord<String, byte[]> created(String name, String digest, JsonNode occurrence) {
    return AdmissionTestResource.created(topic(), name, digest, occurrence);
  }

  private ProducerRecord<String, byte[]> deleted(String name, String digest, JsonNode occurrence) {
    OccurrenceDeleted event =
        new OccurrenceDeleted(
            name,
            OccurrenceKind.ATTESTATION,
            "https://" + REPOSITORY + "@" + digest,
            NOTE,
            occurrence);
    return new CloudEventKafkaCodec()
        .encode(event, URI.create("/custos/test"))
        .toProducerRecord(topic());
  }

  private void send(ProducerRecord<String, byte[]> record)
      throws InterruptedException, ExecutionException {
    producer.send(record).get();
  }

  private String topic() {
    return infrastructure.topic(Topics.METADATA_ATTESTATIONS);
  }

  private TestAttestor trusted() {
    return TestAttestor.existing(policyFile.resolveSibling(AdmissionTestResource.TRUSTED_KEY));
  }

  private TestAttestor outsider() {
    return TestAttestor.existing(policyFile.resolveSibling(AdmissionTestResource.OUTSIDER_KEY));
  }

  /** Replaces the policy file in one rename, as a ConfigMap update swaps its symlink. */
  private void writeAtomically(String policy) throws IOException {
    Path next = policyFile.resolveSibling("policy.yaml.next");
    Files.writeString(next, policy, StandardCharsets.UTF_8);
    Files.move(next, policyFile, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Returns a trust store holding only the certificate that the test resource generated. */
  private KeyStore serverTrust() throws Exception {
    Path certificate = policyFile.resolveSibling(AdmissionTestResource.CERTIFICATE);
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(certificate)) {
      trust.setCertificateEntry(
          "server", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    return trust;
  }

  private static String randomDigest() {
    String hex = UUID.randomUUID().toString().replace("-", "");
    return "sha256:" + hex + hex;
  }
}
