package dev.custos.audit.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.custos.audit.AuditDatabaseResource;
import dev.custos.audit.checkpoint.Checkpoint;
import dev.custos.audit.checkpoint.NoteVerifier;
import dev.custos.audit.entry.LogEntry;
import dev.custos.audit.log.AuditLog;
import dev.custos.audit.merkle.ProofVerifier;
import dev.custos.audit.merkle.Rfc6962Hasher;
import dev.custos.audit.signing.CheckpointScheduler;
import dev.custos.embedded.InjectTestInfrastructure;
import dev.custos.embedded.TestInfrastructure;
import dev.custos.events.EventType;
import dev.custos.events.Topics;
import dev.custos.events.cloudevents.CloudEventKafkaCodec;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The read API and the checkpoints, over HTTP, on entries appended through {@link AuditLog}. */
@QuarkusTest
@WithTestResource(AuditDatabaseResource.class)
class LogApiTest {
  private static final String ORIGIN = "custos.example/audit";
  private static final String READER_TOKEN = "custos-dev-reader-token";
  private static final String EXPORTER_TOKEN = "custos-dev-exporter-token";
  private static final AtomicInteger NEXT_EVENT = new AtomicInteger();

  @Inject AuditLog auditLog;
  @Inject CheckpointScheduler scheduler;
  @InjectTestInfrastructure TestInfrastructure infrastructure;

  @Test
  void checkpointVerifiesWithServedKey() throws Exception {
    append(5);
    scheduler.maybeCheckpoint();

    Checkpoint checkpoint = latestCheckpoint();

    assertThat(checkpoint.size()).isEqualTo(auditLog.size());
    assertThat(checkpoint.rootHash()).isEqualTo(auditLog.tree().root(checkpoint.size()));
  }

  @Test
  void checkpointNotSignedWithoutGrowth() {
    append(1);
    scheduler.maybeCheckpoint();

    assertThat(scheduler.maybeCheckpoint()).isEmpty();
  }

  @Test
  void checkpointPublishedOnAuditLog() throws Exception {
    append(2);
    long size = scheduler.maybeCheckpoint().orElseThrow().treeSize();

    List<ConsumerRecord<String, byte[]>> records = checkpointRecords(size);

    ConsumerRecord<String, byte[]> record = records.get(records.size() - 1);
    assertThat(record.partition()).isZero();
    assertThat(record.key()).isEqualTo(ORIGIN);
    String value = new String(record.value(), StandardCharsets.UTF_8);
    assertThat(value).contains("\"treeSize\":" + size);
  }

  @Test
  void inclusionProofsVerify() throws Exception {
    append(7);
    scheduler.maybeCheckpoint();
    Checkpoint checkpoint = latestCheckpoint();
    long size = checkpoint.size();
    // The last seven, appended above: test classes with the same test resource share one log, so
    // the log may hold more entries than one entries call returns.
    List<Map<String, Object>> entries = entries(size - 7, size - 1);

    for (Map<String, Object> entry : entries) {
      long index = ((Number) entry.get("leafIndex")).longValue();
      JsonPath proof =
          reader()
              .queryParam("index", index)
              .queryParam("treeSize", size)
              .get("/v1/log/proof/inclusion")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      byte[] leafHash = HexFormat.of().parseHex((String) entry.get("leafHash"));

      ProofVerifier.verifyInclusion(
          leafHash, index, size, decode(proof.getList("hashes")), checkpoint.rootHash());
    }
  }

  @Test
  void inclusionByLeafHashVerifies() throws Exception {
    append(3);
    scheduler.maybeCheckpoint();
    Checkpoint checkpoint = latestCheckpoint();
    Map<String, Object> entry = entries(1, 1).get(0);

    JsonPath proof =
        reader()
            .queryParam("leafHash", entry.get("leafHash"))
            .queryParam("treeSize", checkpoint.size())
            .get("/v1/log/proof/inclusion")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(proof.getLong("leafIndex")).isEqualTo(1);
    ProofVerifier.verifyInclusion(
        HexFormat.of().parseHex((String) entry.get("leafHash")),
        1,
        checkpoint.size(),
        decode(proof.getList("hashes")),
        checkpoint.rootHash());
  }

  @Test
  void consistencyBetweenCheckpointsVerifies() throws Exception {
    append(3);
    scheduler.maybeCheckpoint();
    Checkpoint first = latestCheckpoint();
    append(4);
    scheduler.maybeCheckpoint();
    Checkpoint second = latestCheckpoint();

    JsonPath proof =
        reader()
            .queryParam("from", first.size())
            .queryParam("to", second.size())
            .get("/v1/log/proof/consistency")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(second.size()).isGreaterThan(first.size());
    ProofVerifier.verifyConsistency(
        first.size(),
        second.size(),
        first.rootHash(),
        second.rootHash(),
        decode(proof.getList("hashes")));
  }

  @Test
  void entriesCarryCanonicalBytes() {
    append(3);

    List<Map<String, Object>> entries = entries(0, 2);

    assertThat(entries).hasSize(3);
    for (int i = 0; i < entries.size(); i++) {
      Map<String, Object> entry = entries.get(i);
      byte[] bytes = ((String) entry.get("entry")).getBytes(StandardCharsets.UTF_8);
      assertThat(((Number) entry.get("leafIndex")).longValue()).isEqualTo(i);
      assertThat(HexFormat.of().formatHex(Rfc6962Hasher.leafHash(bytes)))
          .isEqualTo(entry.get("leafHash"));
    }
  }

  @Test
  void entriesEndClampedToTreeSize() {
    append(2);
    long size = auditLog.size();

    List<Map<String, Object>> entries = entries(size - 2, size + 10);

    assertThat(entries).hasSize(2);
  }

  @ParameterizedTest
  @CsvSource({
    "/v1/log/entries?end=5, start",
    "/v1/log/entries?start=0, end",
    "/v1/log/entries?start=x&end=5, start",
    "/v1/log/entries?start=-1&end=5, start",
    "/v1/log/entries?start=5&end=4, end",
    "/v1/log/entries?start=0&end=1000, end",
    "/v1/log/entries?start=1000000&end=1000001, start",
    "/v1/log/proof/inclusion?index=1&treeSize=1, index",
    "/v1/log/proof/inclusion?index=0&treeSize=1000000, treeSize",
    "/v1/log/proof/inclusion?index=0, treeSize",
    "/v1/log/proof/inclusion?treeSize=1, index",
    "/v1/log/proof/inclusion?index=0&leafHash=00&treeSize=1, index",
    "/v1/log/proof/inclusion?leafHash=zz&treeSize=1, leafHash",
    "/v1/log/proof/inclusion?leafHash=0011&treeSize=1, leafHash",
    "/v1/log/proof/consistency?from=0&to=1, from",
    "/v1/log/proof/consistency?from=2&to=1, from",
    "/v1/log/proof/consistency?from=1&to=1000000, to",
    "/v1/log/proof/consistency?to=1, from",
  })
  void invalidParameterRejected(String url, String parameter) {
    append(2);

    reader()
        .get(url)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("status", equalTo(400))
        .body("parameter", equalTo(parameter));
  }

  @Test
  void entriesLimitNamedInError() {
    reader()
        .get("/v1/log/entries?start=0&end=1000")
        .then()
        .statusCode(400)
        .body("detail", containsString("at most 1000 entries"));
  }

  @Test
  void unknownLeafHashNotFound() {
    append(1);

    reader()
        .queryParam("leafHash", "00".repeat(32))
        .queryParam("treeSize", 1)
        .get("/v1/log/proof/inclusion")
        .then()
        .statusCode(404)
        .body("parameter", equalTo("leafHash"));
  }

  @ParameterizedTest
  @CsvSource({
    "/v1/log/entries?start=0&end=0",
    "/v1/log/proof/inclusion?index=0&treeSize=1",
    "/v1/log/proof/consistency?from=1&to=1"
  })
  void readsNeedToken(String url) {
    append(1);

    given()
        .get(url)
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", "Bearer")
        .contentType("application/problem+json");
    given().auth().oauth2("wrong-token").get(url).then().statusCode(401);
    given().header("Authorization", "Basic " + READER_TOKEN).get(url).then().statusCode(401);
    given()
        .auth()
        .oauth2(EXPORTER_TOKEN)
        .get(url)
        .then()
        .statusCode(403)
        .body("detail", containsString("reader"));
  }

  @Test
  void bearerSchemeIgnoresCase() {
    append(1);
    String url = "/v1/log/entries?start=0&end=0";

    given().header("Authorization", "bearer " + READER_TOKEN).get(url).then().statusCode(200);
    given().header("Authorization", "BEARER " + READER_TOKEN).get(url).then().statusCode(200);
    given().header("Authorization", "Bearer" + READER_TOKEN).get(url).then().statusCode(401);
  }

  @Test
  void checkpointAndKeyPublic() {
    given()
        .get("/v1/log/checkpoint")
        .then()
        .statusCode(200)
        .contentType(containsString("text/plain"));
    given().get("/v1/log/key").then().statusCode(200).body(containsString(ORIGIN + "+"));
  }

  private void append(int count) {
    List<LogEntry> entries = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int n = NEXT_EVENT.incrementAndGet();
      entries.add(
          LogEntry.builder()
              .eventId("api-event-" + n)
              .eventType("dev.custos.admission.decision")
              .source("/custos/admission-service")
              .time(Instant.parse("2026-12-04T12:00:00Z").plusSeconds(n))
              .namespace("ns")
              .name("deploy-" + n)
              .decision("allowed")
              .data(JsonNodeFactory.instance.objectNode().put("sequence", n))
              .build());
    }
    auditLog.append(entries);
  }

  private Checkpoint latestCheckpoint() throws Exception {
    String key = given().get("/v1/log/key").then().statusCode(200).extract().asString().strip();
    String note = given().get("/v1/log/checkpoint").then().statusCode(200).extract().asString();
    return Checkpoint.open(note, ORIGIN, List.of(NoteVerifier.parse(key)));
  }

  private static RequestSpecification reader() {
    return given().auth().oauth2(READER_TOKEN);
  }

  private static List<Map<String, Object>> entries(long start, long end) {
    return reader()
        .queryParam("start", start)
        .queryParam("end", end)
        .get("/v1/log/entries")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("entries");
  }

  private static List<byte[]> decode(List<String> hashes) {
    List<byte[]> decoded = new ArrayList<>();
    for (String hash : hashes) {
      decoded.add(Base64.getDecoder().decode(hash));
    }
    return decoded;
  }

  /** Reads partition 0 of audit.log until a checkpoint event of {@code treeSize} arrived. */
  private List<ConsumerRecord<String, byte[]>> checkpointRecords(long treeSize) {
    TopicPartition partition = new TopicPartition(infrastructure.topic(Topics.AUDIT_LOG), 0);
    Properties properties = infrastructure.kafkaProperties();
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    CloudEventKafkaCodec codec = new CloudEventKafkaCodec();
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      String expectedId = ORIGIN + "/checkpoints/" + treeSize;
      while (!containsId(codec, records, expectedId) && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (codec.readAttributes(record.headers()).type() == EventType.CHECKPOINT_PUBLISHED) {
            records.add(record);
          }
        }
      }
      assertThat(containsId(codec, records, expectedId)).as(expectedId).isTrue();
    }
    return records;
  }

  private static boolean containsId(
      CloudEventKafkaCodec codec, List<ConsumerRecord<String, byte[]>> records, String id) {
    return !records.isEmpty()
        && codec.readAttributes(records.get(records.size() - 1).headers()).id().equals(id);
  }
}
