package dev.custos.audit.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custos.audit.AuditDatabaseResource;
import dev.custos.audit.outbox.OutboxRelay;
import dev.custos.embedded.InjectTestInfrastructure;
import dev.custos.embedded.TestInfrastructure;
import dev.custos.events.CustosEvent;
import dev.custos.events.EventType;
import dev.custos.events.Topics;
import dev.custos.events.cloudevents.CloudEventKafkaCodec;
import dev.custos.events.cloudevents.OutgoingCloudEvent;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The service consuming real topics into the log in PostgreSQL, and publishing on audit.log. */
@QuarkusTest
@WithTestResource(AuditDatabaseResource.class)
class IngestTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final URI SOURCE = URI.create("/custos/test");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CloudEventKafkaCodec codec = new CloudEventKafkaCodec();

  @Inject AuditIngest ingest;
  @Inject OutboxRelay outbox;
  @InjectTestInfrastructure TestInfrastructure infrastructure;

  private KafkaProducer<byte[], byte[]> producer;

  @BeforeEach
  void openProducer() {
    Properties properties = infrastructure.kafkaProperties();
    properties.put("enable.idempotence", "true");
    properties.put("acks", "all");
    producer =
        new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
  }

  @AfterEach
  void closeProducer() {
    producer.close();
  }

  @Test
  void everyTopicBecomesEntries() throws Exception {
    String pushed = send(IngestSamples.pushed(1));
    String occurrence = send(IngestSamples.occurrence(2));
    String denied = send(IngestSamples.decision(3, false));
    String revoked = send(IngestSamples.revoked(4));
    String signed = send(IngestSamples.signed(5));
    String refused = send(IngestSamples.refused(6));

    await().atMost(TIMEOUT).until(() -> count(refused) == 1 && count(pushed) == 1);

    assertThat(row(pushed))
        .containsEntry("event_type", EventType.IMAGE_PUSHED.type())
        .containsEntry("subject_digest", IngestSamples.digest(1))
        .containsEntry("subject_image", "registry.example/team/app");
    assertThat(entry(pushed).path("actor").asText()).isEqualTo("ci-bot");
    assertThat(entry(pushed).path("data").path("registryEventId").asText()).isEqualTo("push-1");

    assertThat(row(occurrence))
        .containsEntry("subject_digest", IngestSamples.digest(2))
        .containsEntry("subject_name", "projects/custos/occurrences/scan-2");

    assertThat(row(denied))
        .containsEntry("subject_digest", IngestSamples.digest(3))
        .containsEntry("subject_namespace", "shop")
        .containsEntry("subject_name", "web-3");
    assertThat(entry(denied).path("decision").asText()).isEqualTo("denied");
    assertThat(entry(denied).path("actor").asText()).isEqualTo("alice");
    assertThat(entry(denied).path("reason").asText()).startsWith("No matched signatures");

    assertThat(row(revoked))
        .containsEntry("subject_namespace", "shop")
        .containsEntry("subject_name", "web-4");
    assertThat(entry(revoked).path("decision").asText()).isEqualTo("revoked");

    assertThat(row(signed)).containsEntry("subject_digest", IngestSamples.digest(5));
    assertThat(entry(signed).path("decision").asText()).isEqualTo("signed");
    assertThat(entry(signed).path("actor").asText()).isEqualTo(IngestSamples.AUTHORITY);

    assertThat(entry(refused).path("decision").asText()).isEqualTo("refused");
    assertThat(entry(refused).path("reason").asText()).startsWith("SCAN_TIMED_OUT: ");
  }

  @Test
  void repeatedEventAppendedOnce() throws Exception {
    OutgoingCloudEvent event = codec.encode(IngestSamples.pushed(10), SOURCE);
    for (int i = 0; i < 3; i++) {
      send(event, Topics.REGISTRY_PUSHES);
    }
    String marker = send(IngestSamples.pushed(11));

    await().atMost(TIMEOUT).until(() -> count(marker) == 1);

    assertThat(count(event.attributes().id())).isEqualTo(1);
  }

  @Test
  void poisonRecordBecomesFailedEntry() throws Exception {
    byte[] garbage = {(byte) 0xff, 0x00, 0x7b, (byte) 0xc3};
    RecordMetadata poison =
        producer
            .send(
                new ProducerRecord<>(
                    infrastructure.topic(Topics.ADMISSION_DECISIONS),
                    "shop/web".getBytes(StandardCharsets.UTF_8),
                    garbage))
            .get();
    String later = send(IngestSamples.decision(20, true));

    await().atMost(TIMEOUT).until(() -> count(later) == 1);

    List<JsonNode> failures = failedEntriesAt(poison);
    assertThat(failures).hasSize(1);
    JsonNode data = failures.get(0).path("data");
    assertThat(failures.get(0).path("type").asText()).isEqualTo(RecordEntries.INGEST_FAILED_TYPE);
    assertThat(data.path("value").asText()).isEqualTo(Base64.getEncoder().encodeToString(garbage));
    assertThat(data.path("key").asText())
        .isEqualTo(Base64.getEncoder().encodeToString("shop/web".getBytes(StandardCharsets.UTF_8)));
    assertThat(data.path("error").asText()).contains("ce_specversion is missing");
    assertThat(entry(later).path("decision").asText()).isEqualTo("allowed");
  }

  @Test
  void occurrenceTombstoneSkipped() throws Exception {
    RecordMetadata tombstone =
        producer
            .send(
                new ProducerRecord<>(
                    infrastructure.topic(Topics.METADATA_OCCURRENCES),
                    "projects/custos/occurrences/scan-30".getBytes(StandardCharsets.UTF_8),
                    null))
            .get();
    String later = send(IngestSamples.occurrence(31));

    await().atMost(TIMEOUT).until(() -> count(later) == 1);

    assertThat(failedEntriesAt(tombstone)).isEmpty();
  }

  @Test
  void auditLogCarriesEntriesInOrder() throws Exception {
    String marker = send(IngestSamples.signed(40));
    await().atMost(TIMEOUT).until(() -> count(marker) == 1);
    long markerIndex = Long.parseLong(row(marker).get("leaf_index"));
    await().atMost(TIMEOUT).until(() -> outbox.lastPublished() >= markerIndex);

    List<ConsumerRecord<String, byte[]>> records = readAuditLog(markerIndex + 1);

    for (int i = 0; i < records.size(); i++) {
      ConsumerRecord<String, byte[]> record = records.get(i);
      JsonNode value = JSON.readTree(record.value());
      assertThat(record.partition()).isZero();
      assertThat(record.key()).isEqualTo(Integer.toString(i));
      assertThat(value.path("leafIndex").asLong()).isEqualTo(i);
      assertThat(value.path("treeSize").asLong()).isGreaterThan(i);
      assertThat(codec.readAttributes(record.headers()).id())
          .isEqualTo("custos.example/audit/entries/" + i);
    }
    JsonNode last = JSON.readTree(records.get((int) markerIndex).value());
    assertThat(last.path("entry").path("id").asText()).isEqualTo(marker);
  }

  @Test
  void crashBeforeCommitDoesNotDouble() throws Exception {
    ingest.stop();
    AtomicBoolean crashed = new AtomicBoolean();
    ingest.start(
        () -> {
          if (crashed.compareAndSet(false, true)) {
            throw new IllegalStateException("test crash between the append and the commit");
          }
        });
    OutgoingCloudEvent event = codec.encode(IngestSamples.revoked(50), SOURCE);
    RecordMetadata sent = send(event, Topics.ADMISSION_REVOKED);
    String eventId = event.attributes().id();
    await().atMost(TIMEOUT).until(() -> crashed.get() && !ingest.running());
    TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());

    assertThat(count(eventId)).isEqualTo(1);
    assertThat(committedOffset(partition)).isLessThanOrEqualTo(sent.offset());

    ingest.start(IngestLoop.IngestHook.NONE);
    String later = send(IngestSamples.revoked(51));
    await().atMost(TIMEOUT).until(() -> count(later) == 1);

    assertThat(count(eventId)).isEqualTo(1);
    await().atMost(TIMEOUT).until(() -> committedOffset(partition) > sent.offset());
  }

  @Test
  void metricsCountEntriesAndFailures() throws Exception {
    producer
        .send(
            new ProducerRecord<>(
                infrastructure.topic(Topics.SIGNER_OUTCOMES), null, new byte[] {1}))
        .get();
    String later = send(IngestSamples.signed(60));
    await().atMost(TIMEOUT).until(() -> count(later) == 1);

    String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();

    assertThat(metrics).contains("custos_audit_entries_appended_total ");
    assertThat(metrics).contains("custos_audit_ingest_failures_total{topic=\"signer.outcomes\"} ");
    assertThat(metrics).contains("custos_audit_ingest_lag ");
    assertThat(metrics).contains("custos_audit_outbox_published_leaf_index ");
  }

  private String send(CustosEvent event) throws Exception {
    OutgoingCloudEvent outgoing = codec.encode(event, SOURCE);
    send(outgoing, outgoing.topics().get(0));
    return outgoing.attributes().id();
  }

  private RecordMetadata send(OutgoingCloudEvent event, String topic) throws Exception {
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            infrastructure.topic(topic),
            null,
            event.key().getBytes(StandardCharsets.UTF_8),
            event.data(),
            new RecordHeaders(event.headers().toArray()));
    return producer.send(record).get();
  }

  private long count(String eventId) throws SQLException {
    try (Connection connection = infrastructure.connect();
        PreparedStatement statement =
            connection.prepareStatement("SELECT count(*) FROM audit_entries WHERE event_id = ?")) {
      statement.setString(1, eventId);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  /** Returns the columns of the entry of an event, as strings. */
  private Map<String, String> row(String eventId) throws SQLException {
    String sql =
        "SELECT leaf_index, event_type, subject_digest, subject_image, subject_namespace,"
            + " subject_name FROM audit_entries WHERE event_id = ?";
    try (Connection connection = infrastructure.connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, eventId);
      try (ResultSet rows = statement.executeQuery()) {
        assertThat(rows.next()).as("entry of event %s", eventId).isTrue();
        Map<String, String> columns = new HashMap<>();
        for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
          if (rows.getString(i) != null) {
            columns.put(rows.getMetaData().getColumnName(i), rows.getString(i));
          }
        }
        return columns;
      }
    }
  }

  private JsonNode entry(String eventId) throws Exception {
    return queryEntries("SELECT entry FROM audit_entries WHERE event_id = ?", eventId).get(0);
  }

  private List<JsonNode> failedEntriesAt(RecordMetadata record) throws Exception {
    String sql =
        "SELECT entry FROM audit_entries WHERE event_type = ?"
            + " AND convert_from(entry, 'UTF8')::jsonb #>> '{data,topic}' = ?"
            + " AND (convert_from(entry, 'UTF8')::jsonb #>> '{data,offset}')::bigint = ?";
    try (Connection connection = infrastructure.connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, RecordEntries.INGEST_FAILED_TYPE);
      statement.setString(2, record.topic());
      statement.setLong(3, record.offset());
      return readEntries(statement);
    }
  }

  private List<JsonNode> queryEntries(String sql, String parameter) throws Exception {
    try (Connection connection = infrastructure.connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, parameter);
      return readEntries(statement);
    }
  }

  private static List<JsonNode> readEntries(PreparedStatement statement) throws Exception {
    List<JsonNode> entries = new ArrayList<>();
    try (ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        entries.add(JSON.readTree(rows.getBytes(1)));
      }
    }
    return entries;
  }

  /** Reads partition 0 of audit.log from the beginning until it has {@code count} records. */
  private List<ConsumerRecord<String, byte[]>> readAuditLog(long count) {
    TopicPartition partition = new TopicPartition(infrastructure.topic(Topics.AUDIT_LOG), 0);
    Properties properties = infrastructure.kafkaProperties();
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (records.size() < count && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          // Checkpoint events share partition 0 with the entries.
          if (codec.readAttributes(record.headers()).type() == EventType.AUDIT_ENTRY_APPENDED) {
            records.add(record);
          }
        }
      }
    }
    assertThat(records).hasSizeGreaterThanOrEqualTo((int) count);
    return records;
  }

  private long committedOffset(TopicPartition partition) throws Exception {
    try (Admin admin = Admin.create(infrastructure.kafkaProperties())) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin.listConsumerGroupOffsets("custos-audit").partitionsToOffsetAndMetadata().get();
      OffsetAndMetadata offset = offsets.get(partition);
      return offset == null ? -1 : offset.offset();
    }
  }
}
