package dev.custos.metadata.outbox;

import static dev.custos.metadata.GrafeasApi.api;
import static dev.custos.metadata.GrafeasApi.ensureProject;
import static dev.custos.metadata.outbox.TopicReader.header;
import static dev.custos.metadata.outbox.TopicReader.readKey;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custos.embedded.EmbeddedServersResource;
import dev.custos.embedded.InjectTestInfrastructure;
import dev.custos.embedded.TestInfrastructure;
import dev.custos.events.EventJson;
import dev.custos.events.Topics;
import dev.custos.events.cloudevents.CloudEventKafkaCodec;
import dev.custos.events.cloudevents.ReceivedCloudEvent;
import dev.custos.events.metadata.OccurrenceCreated;
import dev.custos.events.metadata.OccurrenceDeleted;
import dev.custos.events.metadata.OccurrenceKind;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class OutboxRelayTest {
  private static final String IMAGE =
      "https://registry.example.com/team/app@sha256:"
          + "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  private static final String CREATED = "dev.custos.metadata.occurrence.created";
  private static final String DELETED = "dev.custos.metadata.occurrence.deleted";
  private static final Duration PUBLISH_WAIT = Duration.ofSeconds(20);

  @InjectTestInfrastructure TestInfrastructure infrastructure;

  private final CloudEventKafkaCodec codec = new CloudEventKafkaCodec();
  private final EventJson eventJson = new EventJson();

  @BeforeEach
  void createProjectAndNotes() {
    ensureProject("p");
    api()
        .queryParam("noteId", "qa")
        .body("{\"attestation\":{\"hint\":{\"humanReadableName\":\"qa\"}}}")
        .post("/v1/projects/p/notes");
    api()
        .queryParam("noteId", "CVE-2024-0001")
        .body("{\"vulnerability\":{\"severity\":\"HIGH\"}}")
        .post("/v1/projects/p/notes");
  }

  @Test
  void attestationGoesToBothTopics() throws SQLException {
    String name = createAttestation();
    awaitPublished(name);

    List<ConsumerRecord<String, byte[]>> occurrences = read(Topics.METADATA_OCCURRENCES, name);
    List<ConsumerRecord<String, byte[]>> attestations = read(Topics.METADATA_ATTESTATIONS, name);

    assertThat(occurrences).hasSize(1);
    assertThat(attestations).hasSize(1);
    UUID eventId = outboxRows(name).get(0).eventId();
    assertCreatedEvent(occurrences.get(0), name, eventId, OccurrenceKind.ATTESTATION);
    assertCreatedEvent(attestations.get(0), name, eventId, OccurrenceKind.ATTESTATION);
  }

  @Test
  void vulnerabilityGoesToOneTopic() throws SQLException {
    String name = createVulnerability();
    awaitPublished(name);

    List<ConsumerRecord<String, byte[]>> occurrences = read(Topics.METADATA_OCCURRENCES, name);
    List<ConsumerRecord<String, byte[]>> attestations = read(Topics.METADATA_ATTESTATIONS, name);

    assertThat(occurrences).hasSize(1);
    assertThat(attestations).isEmpty();
    UUID eventId = outboxRows(name).get(0).eventId();
    assertCreatedEvent(occurrences.get(0), name, eventId, OccurrenceKind.VULNERABILITY);
  }

  @Test
  void deleteSendsEventThenTombstone() throws SQLException {
    String name = createAttestation();
    api().delete("/v1/" + name).then().statusCode(200);
    awaitPublished(name);

    List<StoredRow> rows = outboxRows(name);
    for (String topic : List.of(Topics.METADATA_OCCURRENCES, Topics.METADATA_ATTESTATIONS)) {
      List<ConsumerRecord<String, byte[]>> records = read(topic, name);

      assertThat(records).as(topic).hasSize(3);
      assertThat(header(records.get(0), CloudEventKafkaCodec.TYPE_HEADER)).isEqualTo(CREATED);
      assertThat(header(records.get(1), CloudEventKafkaCodec.TYPE_HEADER)).isEqualTo(DELETED);
      assertThat(header(records.get(1), CloudEventKafkaCodec.ID_HEADER))
          .isEqualTo(rows.get(1).eventId().toString());
      ReceivedCloudEvent deleted = codec.decode(records.get(1).headers(), records.get(1).value());
      assertThat(deleted.data(OccurrenceDeleted.class).occurrenceName()).isEqualTo(name);
      assertThat(records.get(2).key()).isEqualTo(name);
      assertThat(records.get(2).value()).as("tombstone value").isNull();
    }
  }

  @Test
  void eventsFollowOutboxOrder() throws SQLException {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      names.add(i % 2 == 0 ? createAttestation() : createVulnerability());
    }
    api().delete("/v1/" + names.get(1)).then().statusCode(200);
    api().delete("/v1/" + names.get(2)).then().statusCode(200);
    names.forEach(this::awaitPublished);

    List<String> expected = new ArrayList<>();
    for (StoredRow row : outboxRowsOf(names)) {
      expected.add(row.eventId().toString());
    }
    List<String> published =
        TopicReader.readAll(infrastructure.bootstrapServers(), topic(Topics.METADATA_OCCURRENCES))
            .stream()
            .filter(record -> names.contains(record.key()) && record.value() != null)
            .map(record -> header(record, CloudEventKafkaCodec.ID_HEADER))
            .toList();

    assertThat(published).containsExactlyElementsOf(expected);
  }

  @Test
  void unannouncedRowIsPublishedByPoll() throws SQLException {
    String name = "projects/p/occurrences/" + UUID.randomUUID();
    UUID eventId = UUID.randomUUID();
    OccurrenceCreated event =
        new OccurrenceCreated(
            name,
            OccurrenceKind.ATTESTATION,
            IMAGE,
            "projects/p/notes/qa",
            new ObjectMapper().createObjectNode().put("name", name));

    insertOutboxRow(
        name, CREATED, new String(eventJson.write(event), StandardCharsets.UTF_8), eventId);
    awaitPublished(name);

    List<ConsumerRecord<String, byte[]>> records = read(Topics.METADATA_ATTESTATIONS, name);
    assertThat(records).hasSize(1);
    assertThat(header(records.get(0), CloudEventKafkaCodec.ID_HEADER))
        .isEqualTo(eventId.toString());
  }

  @Test
  void republishKeepsEventId() throws SQLException {
    String name = createAttestation();
    awaitPublished(name);

    execute("UPDATE outbox SET published_at = NULL WHERE aggregate_name = ?", name);
    awaitPublished(name);

    List<ConsumerRecord<String, byte[]>> records = read(Topics.METADATA_OCCURRENCES, name);
    assertThat(records).hasSize(2);
    assertThat(header(records.get(1), CloudEventKafkaCodec.ID_HEADER))
        .isEqualTo(header(records.get(0), CloudEventKafkaCodec.ID_HEADER));
    assertThat(header(records.get(1), CloudEventKafkaCodec.TIME_HEADER))
        .isEqualTo(header(records.get(0), CloudEventKafkaCodec.TIME_HEADER));
  }

  @Test
  void oversizeWritesRejectedAndLaterPublished() throws SQLException {
    String huge = "A".repeat(1_000_000);
    String oversize = attestationBody(huge);

    api()
        .body(oversize)
        .post("/v1/projects/p/occurrences")
        .then()
        .statusCode(400)
        .body("error.status", equalTo("INVALID_ARGUMENT"))
        .body("error.message", containsString("900000 bytes"))
        .body("error.message", containsString("custos.metadata.max-occurrence-bytes"));
    api()
        .urlEncodingEnabled(false)
        .body("{\"occurrences\":[" + attestationBody("c2ln") + "," + oversize + "]}")
        .post("/v1/projects/p/occurrences:batchCreate")
        .then()
        .statusCode(400)
        .body("error.message", startsWith("occurrences[1]: "));
    String name = createAttestation();
    api()
        .queryParam("updateMask", "attestation.signatures")
        .body(oversize)
        .patch("/v1/" + name)
        .then()
        .statusCode(400)
        .body("error.message", containsString("900000 bytes"));

    awaitPublished(name);
    assertThat(outboxRows(name)).as("only the create of the stored occurrence").hasSize(1);
    assertThat(countLargeOccurrences()).as("occurrences over 900000 bytes stored").isZero();
    String later = createVulnerability();
    awaitPublished(later);
    assertThat(read(Topics.METADATA_OCCURRENCES, later)).hasSize(1);
  }

  @Test
  void tooLargeRowBlocksAndReportsReadiness() throws SQLException {
    String name = "projects/p/occurrences/" + UUID.randomUUID();
    OccurrenceCreated event =
        new OccurrenceCreated(
            name,
            OccurrenceKind.ATTESTATION,
            IMAGE,
            "projects/p/notes/qa",
            new ObjectMapper()
                .createObjectNode()
                .put("name", name)
                .put("pad", "A".repeat(1_100_000)));
    insertOutboxRow(
        name,
        CREATED,
        new String(eventJson.write(event), StandardCharsets.UTF_8),
        UUID.randomUUID());
    long blockedId = outboxRows(name).get(0).id();
    try {
      String later = createVulnerability();

      await()
          .atMost(PUBLISH_WAIT)
          .untilAsserted(
              () ->
                  given()
                      .get("/q/health/ready")
                      .then()
                      .statusCode(503)
                      .body("checks.find { it.name == 'outbox-relay' }.status", equalTo("DOWN"))
                      .body(
                          "checks.find { it.name == 'outbox-relay' }.data.blockedOutboxId",
                          equalTo((int) blockedId)));
      String metrics = given().get("/q/metrics").then().extract().asString();
      assertThat(metrics).contains("custos_outbox_blocked_row " + (double) blockedId);
      assertThat(outboxRows(later).get(0).published()).as("row after the blocked one").isFalse();

      execute("UPDATE outbox SET published_at = now() WHERE aggregate_name = ?", name);
      awaitPublished(later);
      await()
          .atMost(PUBLISH_WAIT)
          .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    } finally {
      execute("UPDATE outbox SET published_at = now() WHERE aggregate_name = ?", name);
    }
  }

  @Test
  void metricsExposeRelayMeters() {
    awaitPublished(createAttestation());

    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

    assertThat(metrics).contains("custos_outbox_backlog_rows ");
    assertThat(metrics).contains("custos_outbox_published_rows_total ");
    assertThat(metrics).contains("custos_outbox_publish_failures_total ");
    assertThat(metrics).contains("custos_outbox_lag_seconds_count ");
  }

  private void assertCreatedEvent(
      ConsumerRecord<String, byte[]> record, String name, UUID eventId, OccurrenceKind kind) {
    assertThat(record.key()).isEqualTo(name);
    assertThat(header(record, CloudEventKafkaCodec.SPEC_VERSION_HEADER)).isEqualTo("1.0");
    assertThat(header(record, CloudEventKafkaCodec.ID_HEADER)).isEqualTo(eventId.toString());
    assertThat(header(record, CloudEventKafkaCodec.TYPE_HEADER)).isEqualTo(CREATED);
    assertThat(header(record, CloudEventKafkaCodec.SOURCE_HEADER))
        .isEqualTo("/custos/metadata-service");
    assertThat(header(record, CloudEventKafkaCodec.CONTENT_TYPE_HEADER))
        .isEqualTo("application/json");
    assertThat(Instant.parse(header(record, CloudEventKafkaCodec.TIME_HEADER)))
        .isBetween(Instant.now().minusSeconds(60), Instant.now());
    OccurrenceCreated event =
        codec.decode(record.headers(), record.value()).data(OccurrenceCreated.class);
    assertThat(event.occurrenceName()).isEqualTo(name);
    assertThat(event.kind()).isEqualTo(kind);
    assertThat(event.resourceUri()).isEqualTo(IMAGE);
  }

  private static String attestationBody(String signatureBase64) {
    return "{\"resourceUri\":\""
        + IMAGE
        + "\",\"noteName\":\"projects/p/notes/qa\","
        + "\"attestation\":{\"serializedPayload\":\"e30=\","
        + "\"signatures\":[{\"signature\":\""
        + signatureBase64
        + "\",\"publicKeyId\":\"key-1\"}]}}";
  }

  private String createAttestation() {
    return api()
        .body(attestationBody("c2ln"))
        .post("/v1/projects/p/occurrences")
        .then()
        .statusCode(200)
        .extract()
        .path("name");
  }

  private String createVulnerability() {
    return api()
        .body(
            "{\"resourceUri\":\""
                + IMAGE
                + "\",\"noteName\":\"projects/p/notes/CVE-2024-0001\","
                + "\"vulnerability\":{\"severity\":\"HIGH\"}}")
        .post("/v1/projects/p/occurrences")
        .then()
        .statusCode(200)
        .extract()
        .path("name");
  }

  private List<ConsumerRecord<String, byte[]>> read(String topic, String key) {
    return readKey(infrastructure.bootstrapServers(), topic(topic), key);
  }

  private String topic(String name) {
    return infrastructure.topic(name);
  }

  /** Waits until every outbox row of the occurrence is marked published. */
  private void awaitPublished(String name) {
    await()
        .atMost(PUBLISH_WAIT)
        .untilAsserted(
            () ->
                assertThat(outboxRows(name))
                    .isNotEmpty()
                    .allSatisfy(row -> assertThat(row.published()).isTrue()));
  }

  private record StoredRow(long id, UUID eventId, boolean published) {}

  private List<StoredRow> outboxRows(String name) throws SQLException {
    return outboxRowsOf(List.of(name));
  }

  private List<StoredRow> outboxRowsOf(List<String> names) throws SQLException {
    try (Connection connection = infrastructure.connect();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT id, event_id, published_at IS NOT NULL FROM outbox"
                    + " WHERE aggregate_name = ANY (?) ORDER BY id")) {
      statement.setArray(1, connection.createArrayOf("text", names.toArray()));
      try (ResultSet result = statement.executeQuery()) {
        List<StoredRow> rows = new ArrayList<>();
        while (result.next()) {
          rows.add(
              new StoredRow(
                  result.getLong(1), result.getObject(2, UUID.class), result.getBoolean(3)));
        }
        return rows;
      }
    }
  }

  private void insertOutboxRow(String name, String eventType, String payload, UUID eventId)
      throws SQLException {
    try (Connection connection = infrastructure.connect();
        PreparedStatement statement =
            connection.prepareStatement(
                "INSERT INTO outbox (aggregate_name, event_type, payload, event_id)"
                    + " VALUES (?, ?, CAST(? AS jsonb), ?)")) {
      statement.setString(1, name);
      statement.setString(2, eventType);
      statement.setString(3, payload);
      statement.setObject(4, eventId);
      statement.executeUpdate();
    }
  }

  private long countLargeOccurrences() throws SQLException {
    try (Connection connection = infrastructure.connect();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT count(*) FROM occurrences WHERE octet_length(CAST(body AS text)) > 900000");
        ResultSet result = statement.executeQuery()) {
      result.next();
      return result.getLong(1);
    }
  }

  private void execute(String sql, String parameter) throws SQLException {
    try (Connection connection = infrastructure.connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, parameter);
      statement.executeUpdate();
    }
  }
}
