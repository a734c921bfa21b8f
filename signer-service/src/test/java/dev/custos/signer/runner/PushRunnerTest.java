package dev.custos.signer.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.events.Topics;
import dev.custos.events.cloudevents.ReceivedCloudEvent;
import dev.custos.events.registry.ImagePushed;
import dev.custos.events.signer.ImageSigned;
import dev.custos.events.signer.RefusalReason;
import dev.custos.events.signer.SigningRefused;
import dev.custos.signer.pushes.PushEventIds;
import dev.custos.signer.signing.PkixSigner;
import dev.custos.signer.signing.SimpleSigningPayload;
import dev.custos.signer.workflow.RefusalCodes;
import dev.custos.signer.workflow.RepositoryPattern;
import dev.custos.signer.workflow.SeverityLimit;
import dev.custos.signer.workflow.VulnerabilityPolicy;
import dev.custos.signer.workflow.WorkflowRule;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The workflow runner against the real embedded Kafka broker and a real HTTP server with the
 * metadata service's REST contract. Each test has topics and a consumer group of its own, and the
 * signatures are checked with the real {@code openssl}.
 */
class PushRunnerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Duration WINDOW = Duration.ofHours(1);

  private static Path workDir;
  private static Path keyFile;
  private static Path publicKeyFile;

  private RunnerFixture fixture;

  @BeforeAll
  static void generateKey() throws Exception {
    workDir = Files.createTempDirectory("custos-runner");
    keyFile = workDir.resolve("ec.pem");
    publicKeyFile = workDir.resolve("ec.pub.pem");
    openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ec.pem");
    openssl("pkey", "-in", "ec.pem", "-pubout", "-out", "ec.pub.pem");
  }

  @AfterAll
  static void removeKey() throws IOException {
    try (var paths = Files.walk(workDir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  @BeforeEach
  void createFixture() throws IOException {
    // Pages of two entries, so every digest with three or more occurrences needs pageToken.
    fixture = new RunnerFixture(2);
  }

  @AfterEach
  void closeFixture() throws Exception {
    fixture.close();
  }

  @Test
  void pushSignedAndVerifiedByOpenssl() throws Exception {
    String digest = digest('a');
    addScannerOccurrences(digest, 3);
    fixture.startRunner(keyFile, WINDOW, allowAll());

    fixture.publish(RunnerFixture.push("team/app", "1.0", digest, "event-1"));

    ImageSigned signed = awaitSigned(digest);
    List<ObjectNode> attestations = fixture.metadata.attestations(resourceUri(digest));
    assertThat(attestations).hasSize(1);
    JsonNode attestation = attestations.get(0);
    assertThat(signed.attestationOccurrenceName()).isEqualTo(attestation.get("name").asText());
    assertThat(signed.authority()).isEqualTo(RunnerFixture.AUTHORITY);
    assertThat(signed.repository()).isEqualTo("localhost:5000/team/app");
    assertThat(signed.workflowRule()).isEqualTo("all");
    assertThat(attestation.get("noteName").asText()).isEqualTo(RunnerFixture.AUTHORITY);
    assertThat(attestation.get("name").asText()).startsWith("projects/custos/occurrences/");

    byte[] payload =
        Base64.getDecoder().decode(attestation.at("/attestation/serializedPayload").asText());
    byte[] signature =
        Base64.getDecoder().decode(attestation.at("/attestation/signatures/0/signature").asText());
    SimpleSigningPayload parsed = SimpleSigningPayload.parse(payload);
    assertThat(parsed.dockerReference()).isEqualTo("localhost:5000/team/app:1.0");
    assertThat(parsed.manifestDigest().toString()).isEqualTo(digest);
    assertThat(attestation.at("/attestation/signatures/0/publicKeyId").asText())
        .isEqualTo(PkixSigner.fromPem(Files.readString(keyFile)).publicKeyId());
    assertThat(opensslVerifies(payload, signature)).isTrue();
    assertThat(opensslVerifies(tamper(payload), signature)).isFalse();
  }

  @Test
  void fiveRedeliveriesOneAttestation() throws Exception {
    String digest = digest('b');
    fixture.startRunner(keyFile, WINDOW, allowAll());

    ImagePushed push = RunnerFixture.push("team/app", "1.0", digest, "event-redelivered");
    for (int i = 0; i < 5; i++) {
      fixture.publish(push);
    }
    // Five other registry events for the same digest, such as two tags pushed, give new ids.
    for (int i = 0; i < 5; i++) {
      fixture.publish(RunnerFixture.push("team/app", "tag-" + i, digest, "event-other-" + i));
    }

    awaitAllCommitted();
    assertThat(fixture.metadata.attestations(resourceUri(digest))).hasSize(1);
    assertThat(fixture.metadata.creates()).isEqualTo(1);
    List<ReceivedCloudEvent> signed = outcomesOf(digest, ImageSigned.class);
    assertThat(signed).isNotEmpty();
    Set<String> ids =
        signed.stream().map(event -> event.attributes().id()).collect(Collectors.toSet());
    assertThat(ids).hasSize(1);
    Set<String> names =
        signed.stream()
            .map(event -> event.data(ImageSigned.class).attestationOccurrenceName())
            .collect(Collectors.toSet());
    assertThat(names)
        .containsExactly(
            fixture.metadata.attestations(resourceUri(digest)).get(0).get("name").asText());
  }

  @Test
  void requiredScanWaitsThenSigns() throws Exception {
    String digest = digest('c');
    fixture.startRunner(keyFile, WINDOW, withDiscovery(Duration.ofMinutes(5)));

    fixture.publish(RunnerFixture.push("team/app", "1.0", digest, "event-wait"));
    await().atMost(TIMEOUT).until(() -> fixture.metadata.listRequests() >= 2);
    Thread.sleep(1000);
    assertThat(fixture.outcomes()).isEmpty();
    assertThat(fixture.metadata.allAttestations()).isEmpty();
    // The push is pending, so the group has not committed past it.
    assertThat(committed(0)).isLessThanOrEqualTo(0);

    fixture.metadata.addOccurrence("scanner", discovery(digest, "FINISHED_SUCCESS"));

    awaitSigned(digest);
    assertThat(fixture.metadata.attestations(resourceUri(digest))).hasSize(1);
    awaitAllCommitted();
  }

  @Test
  void waitingPushSurvivesRestart() throws Exception {
    String digest = digest('9');
    PushRunner first = fixture.startRunner(keyFile, WINDOW, withDiscovery(Duration.ofMinutes(5)));
    fixture.publish(RunnerFixture.push("team/app", "1.0", digest, "event-restart"));
    await().atMost(TIMEOUT).until(() -> fixture.metadata.listRequests() >= 2);

    first.stop(Duration.ofSeconds(10));
    assertThat(committed(0)).isLessThanOrEqualTo(0);
    fixture.metadata.addOccurrence("scanner", discovery(digest, "FINISHED_SUCCESS"));
    fixture.startRunner(keyFile, WINDOW, withDiscovery(Duration.ofMinutes(5)));

    awaitSigned(digest);
    assertThat(fixture.metadata.attestations(resourceUri(digest))).hasSize(1);
    awaitAllCommitted();
  }

  @Test
  void scanTimeoutRefusesThenLateScanSigns() throws Exception {
    String digest = digest('d');
    fixture.startRunner(keyFile, WINDOW, withDiscovery(Duration.ofSeconds(1)));

    fixture.publish(RunnerFixture.push("team/app", "1.0", digest, "event-timeout"));
    SigningRefused refused = awaitRefused(digest);
    assertThat(refused.reasons())
        .extracting(RefusalReason::code)
        .containsExactly(RefusalCodes.SCAN_TIMED_OUT);
    assertThat(fixture.metadata.allAttestations()).isEmpty();

    fixture.metadata.addOccurrence("scanner", discovery(digest, "FINISHED_SUCCESS"));

    awaitSigned(digest);
    assertThat(fixture.metadata.attestations(resourceUri(digest))).hasSize(1);
    assertThat(
            fixture
                .meters
                .get(RunnerMetrics.REFUSED)
                .tag("reason", RefusalCodes.SCAN_TIMED_OUT)
                .counter()
                .count())
        .isEqualTo(1.0);
  }

  @Test
  void vulnerabilityRefusesUntilItIsGone() throws Exception {
    String digest = digest('e');
    ObjectNode vulnerability =
        fixture.metadata.addOccurrence(
            "scanner", vulnerability(digest, "CVE-2024-3094", "CRITICAL"));
    fixture.startRunner(keyFile, WINDOW, limited(SeverityLimit.HIGH));

    fixture.publish(RunnerFixture.push("team/app", "1.0", digest, "event-vulnerable"));
    SigningRefused refused = awaitRefused(digest);
    assertThat(refused.reasons())
        .extracting(RefusalReason::code)
        .containsExactly(RefusalCodes.VULNERABILITY_ABOVE_THRESHOLD);
    assertThat(refused.reasons().get(0).message()).contains("CVE-2024-3094");
    // A refusal within the re-evaluation window keeps its push uncommitted.
    assertThat(committed(0)).isLessThanOrEqualTo(0);

    fixture.metadata.removeOccurrence(vulnerability.get("name").asText());

    awaitSigned(digest);
    assertThat(fixture.metadata.attestations(resourceUri(digest))).hasSize(1);
    awaitAllCommitted();
  }

  @Test
  void poisonRecordsGoToDeadLetterTopic() throws Exception {
    String digest = digest('f');
    fixture.startRunner(keyFile, WINDOW, allowAll());
    String pushes = fixture.topic(Topics.REGISTRY_PUSHES);

    fixture.send(new ProducerRecord<>(pushes, "no-headers", "{}".getBytes(StandardCharsets.UTF_8)));
    ProducerRecord<String, byte[]> badData =
        new ProducerRecord<>(pushes, digest, "{\"registry\":".getBytes(StandardCharsets.UTF_8));
    encodedHeaders(RunnerFixture.push("team/app", "1.0", digest, "event-bad"))
        .forEach(badData.headers()::add);
    fixture.send(badData);
    fixture.publish(RunnerFixture.push("team/app", "1.0", digest, "event-good"));

    awaitSigned(digest);
    awaitAllCommitted();
    List<ConsumerRecord<String, byte[]>> deadLetters =
        fixture.readAll(Topics.deadLetter(Topics.REGISTRY_PUSHES));
    assertThat(deadLetters).hasSize(2);
    assertThat(deadLetters).extracting(ConsumerRecord::key).containsExactly("no-headers", digest);
    assertThat(header(deadLetters.get(0), DeadLetters.ERROR_HEADER)).contains("ce_specversion");
    assertThat(header(deadLetters.get(0), DeadLetters.TOPIC_HEADER)).isEqualTo(pushes);
    assertThat(header(deadLetters.get(0), DeadLetters.OFFSET_HEADER)).isEqualTo("0");
    assertThat(header(deadLetters.get(1), DeadLetters.EXCEPTION_HEADER))
        .contains("EventFormatException");
    assertThat(header(deadLetters.get(1), "ce_id")).isNotBlank();
    assertThat(deadLetters.get(1).value())
        .isEqualTo("{\"registry\":".getBytes(StandardCharsets.UTF_8));
    assertThat(
            fixture
                .meters
                .get(RunnerMetrics.PUSHES_RECEIVED)
                .tag("action", "dead_letter")
                .counter()
                .count())
        .isEqualTo(2.0);
  }

  @Test
  void unavailableMetadataServiceRetriedWithBackoff() throws Exception {
    String digest = digest('1');
    fixture.metadata.failNext(4, 503);
    fixture.startRunner(keyFile, WINDOW, allowAll());

    fixture.publish(RunnerFixture.push("team/app", "1.0", digest, "event-unavailable"));

    awaitSigned(digest);
    assertThat(fixture.metadata.failedRequests()).isEqualTo(4);
    assertThat(fixture.metadata.attestations(resourceUri(digest))).hasSize(1);
    assertThat(
            fixture.meters.get(RunnerMetrics.RETRIES).tag("kind", "unavailable").counter().count())
        .isEqualTo(4.0);
  }

  @Test
  void indexAndPlatformManifestsSigned() throws Exception {
    String index = digest('2');
    String amd64 = digest('3');
    String arm64 = digest('4');
    fixture.startRunner(keyFile, WINDOW, allowAll());

    fixture.publish(
        RunnerFixture.push("team/app", "2.0", index, "event-index", List.of(amd64, arm64)));

    for (String digest : List.of(index, amd64, arm64)) {
      awaitSigned(digest);
      List<ObjectNode> attestations = fixture.metadata.attestations(resourceUri(digest));
      assertThat(attestations).as(digest).hasSize(1);
      byte[] payload =
          Base64.getDecoder()
              .decode(attestations.get(0).at("/attestation/serializedPayload").asText());
      assertThat(SimpleSigningPayload.parse(payload).dockerReference())
          .isEqualTo("localhost:5000/team/app:2.0");
    }
    assertThat(fixture.metadata.allAttestations()).hasSize(3);
  }

  @Test
  void killedRunnerLeavesOneAttestation() throws Exception {
    String digest = digest('5');
    CountDownLatch gate = new CountDownLatch(1);
    fixture.metadata.holdCreateResponses(gate);
    PushRunner first = fixture.startRunner(keyFile, WINDOW, allowAll());

    fixture.publish(RunnerFixture.push("team/app", "1.0", digest, "event-killed"));
    // The attestation is stored, and its response is held: kill the runner now.
    await().atMost(TIMEOUT).until(() -> fixture.metadata.creates() == 1);
    first.halt(Duration.ofSeconds(10));
    gate.countDown();
    fixture.metadata.holdCreateResponses(null);
    assertThat(fixture.outcomes()).isEmpty();
    assertThat(committed(0)).isLessThanOrEqualTo(0);

    fixture.startRunner(keyFile, WINDOW, allowAll());

    ImageSigned signed = awaitSigned(digest);
    awaitAllCommitted();
    List<ObjectNode> attestations = fixture.metadata.attestations(resourceUri(digest));
    assertThat(attestations).hasSize(1);
    assertThat(fixture.metadata.creates()).isEqualTo(1);
    assertThat(signed.attestationOccurrenceName())
        .isEqualTo(attestations.get(0).get("name").asText());
  }

  @Test
  void twoReplicasOneAttestationEach() throws Exception {
    fixture.createPushTopic(4);
    fixture.startRunner(keyFile, WINDOW, allowAll());
    fixture.startRunner(keyFile, WINDOW, allowAll());

    List<String> digests = List.of(digest('6'), digest('7'), digest('8'), digest('9'), digest('0'));
    for (int round = 0; round < 3; round++) {
      for (String digest : digests) {
        fixture.publish(RunnerFixture.push("team/app", "1.0", digest, "event-" + digest));
      }
    }

    for (String digest : digests) {
      awaitSigned(digest);
    }
    awaitAllCommitted();
    for (String digest : digests) {
      assertThat(fixture.metadata.attestations(resourceUri(digest))).as(digest).hasSize(1);
    }
    assertThat(fixture.metadata.allAttestations()).hasSize(digests.size());
  }

  @Test
  void unmatchedRepositoryPublishesNothing() throws Exception {
    fixture.startRunner(keyFile, WINDOW, allowAll());

    fixture.publish(RunnerFixture.push("other/app", "1.0", digest('c'), "event-unmatched"));

    awaitAllCommitted();
    assertThat(fixture.outcomes()).isEmpty();
    assertThat(fixture.metadata.listRequests()).isZero();
    assertThat(
            fixture
                .meters
                .get(RunnerMetrics.PUSHES_RECEIVED)
                .tag("action", "no_rule")
                .counter()
                .count())
        .isEqualTo(1.0);
  }

  private static WorkflowRule allowAll() {
    return rule("all", VulnerabilityPolicy.ALLOW_ALL, false, null);
  }

  private static WorkflowRule limited(SeverityLimit maximum) {
    return rule(
        "limited",
        new VulnerabilityPolicy(maximum, maximum, List.of(), List.of(), false),
        false,
        null);
  }

  private static WorkflowRule withDiscovery(Duration maxWait) {
    return rule("scanned", VulnerabilityPolicy.ALLOW_ALL, true, maxWait);
  }

  private static WorkflowRule rule(
      String name, VulnerabilityPolicy policy, boolean requireDiscovery, Duration maxWait) {
    return new WorkflowRule(
        name,
        new RepositoryPattern("localhost:5000/team/**"),
        RunnerFixture.AUTHORITY,
        RunnerFixture.KEY_NAME,
        policy,
        requireDiscovery,
        maxWait,
        false);
  }

  private static String digest(char hex) {
    return "sha256:" + String.valueOf(hex).repeat(64);
  }

  private static String resourceUri(String digest) {
    return "https://localhost:5000/team/app@" + digest;
  }

  /**
   * Adds BUILD occurrences of the digest in the scanner project, so that listing it takes pages.
   */
  private void addScannerOccurrences(String digest, int count) {
    for (int i = 0; i < count; i++) {
      ObjectNode build = JSON.createObjectNode();
      build.put("resourceUri", resourceUri(digest));
      build.put("noteName", "projects/ci/notes/build");
      build.putObject("build").putObject("provenance").put("id", "build-" + i);
      fixture.metadata.addOccurrence("scanner", build);
    }
  }

  private static ObjectNode discovery(String digest, String status) {
    ObjectNode occurrence = JSON.createObjectNode();
    occurrence.put("resourceUri", resourceUri(digest));
    occurrence.put("noteName", "projects/scanner/notes/discovery");
    occurrence.putObject("discovery").put("analysisStatus", status);
    return occurrence;
  }

  private static ObjectNode vulnerability(String digest, String id, String severity) {
    ObjectNode occurrence = JSON.createObjectNode();
    occurrence.put("resourceUri", resourceUri(digest));
    occurrence.put("noteName", "projects/goog-vulnz/notes/" + id);
    ObjectNode details = occurrence.putObject("vulnerability");
    details.put("effectiveSeverity", severity);
    details.put("fixAvailable", true);
    return occurrence;
  }

  private ImageSigned awaitSigned(String digest) {
    await()
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(300))
        .until(() -> !outcomesOf(digest, ImageSigned.class).isEmpty());
    return outcomesOf(digest, ImageSigned.class).get(0).data(ImageSigned.class);
  }

  private SigningRefused awaitRefused(String digest) {
    await()
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(300))
        .until(() -> !outcomesOf(digest, SigningRefused.class).isEmpty());
    return outcomesOf(digest, SigningRefused.class).get(0).data(SigningRefused.class);
  }

  private List<ReceivedCloudEvent> outcomesOf(String digest, Class<?> type) {
    return fixture.outcomes().stream()
        .filter(event -> type.isInstance(event.data()))
        .filter(event -> event.data().key().equals(digest))
        .toList();
  }

  /** Waits until the group has committed the end of every push partition. */
  private void awaitAllCommitted() {
    await()
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> {
              Map<TopicPartition, Long> end = fixture.pushEndOffsets();
              Map<TopicPartition, OffsetAndMetadata> committed = fixture.committedOffsets();
              return end.entrySet().stream()
                  .allMatch(
                      entry ->
                          entry.getValue() == 0
                              || (committed.get(entry.getKey()) != null
                                  && committed.get(entry.getKey()).offset() == entry.getValue()));
            });
  }

  private long committed(int partition) throws Exception {
    OffsetAndMetadata offset =
        fixture
            .committedOffsets()
            .get(new TopicPartition(fixture.topic(Topics.REGISTRY_PUSHES), partition));
    return offset == null ? -1 : offset.offset();
  }

  private static List<Header> encodedHeaders(ImagePushed push) {
    String id = PushEventIds.eventId("dev", push.registryEventId());
    return List.of(
        new dev.custos.events.cloudevents.CloudEventKafkaCodec()
            .encode(push, PushEventIds.source("dev"), null, id, push.pushedAt())
            .headers()
            .toArray());
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static byte[] tamper(byte[] payload) {
    byte[] copy = payload.clone();
    copy[copy.length - 2] ^= 1;
    return copy;
  }

  private static boolean opensslVerifies(byte[] payload, byte[] signature) throws Exception {
    Path payloadFile = Files.write(Files.createTempFile(workDir, "payload", ".json"), payload);
    Path signatureFile = Files.write(Files.createTempFile(workDir, "payload", ".sig"), signature);
    int exit =
        run(
            "openssl",
            "dgst",
            "-sha256",
            "-verify",
            publicKeyFile.toString(),
            "-signature",
            signatureFile.toString(),
            payloadFile.toString());
    return exit == 0;
  }

  private static void openssl(String... arguments) throws Exception {
    String[] command = new String[arguments.length + 1];
    command[0] = "openssl";
    System.arraycopy(arguments, 0, command, 1, arguments.length);
    assertThat(run(command)).as(String.join(" ", command)).isZero();
  }

  private static int run(String... command) throws Exception {
    Process process =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectErrorStream(true)
            .redirectOutput(workDir.resolve("openssl.log").toFile())
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return process.exitValue();
  }
}
