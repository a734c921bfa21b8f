package dev.custos.metadata.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.events.EventJson;
import dev.custos.events.EventType;
import dev.custos.events.metadata.OccurrenceCreated;
import dev.custos.events.metadata.OccurrenceDeleted;
import dev.custos.events.metadata.OccurrenceEvent;
import dev.custos.events.metadata.OccurrenceKind;
import dev.custos.metadata.MetadataConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class OutboxPublisherTest {
  private static final String NAME = "projects/p/occurrences/1";

  private final OutboxPublisher publisher =
      new OutboxPublisher(
          Map.of("bootstrap.servers", "127.0.0.1:9"), Optional.of("t."), defaultConfig());

  @Test
  void producerConfigIsValid() {
    Map<String, Object> config = publisher.producerConfig();

    ProducerConfig parsed = new ProducerConfig(config);
    assertThat(parsed.getBoolean(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)).isTrue();
    assertThat(parsed.getString(ProducerConfig.ACKS_CONFIG)).isEqualTo("-1");
    assertThat(parsed.getInt(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)).isEqualTo(10_000);
    assertThat(parsed.getList(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG))
        .containsExactly("127.0.0.1:9");
  }

  @Test
  void attestationCreateHasTwoRecords() {
    OutboxRow row = row(created(OccurrenceKind.DSSE_ATTESTATION));

    List<ProducerRecord<String, byte[]>> records = publisher.toRecords(row);

    assertThat(records)
        .extracting(ProducerRecord::topic)
        .containsExactly("t.metadata.occurrences", "t.metadata.attestations");
    assertThat(records).extracting(ProducerRecord::key).containsOnly(NAME);
    assertThat(records).allSatisfy(record -> assertThat(record.value()).isNotNull());
  }

  @Test
  void deleteAddsTombstonesAfterEvents() {
    OutboxRow row = row(deleted(OccurrenceKind.ATTESTATION));

    List<ProducerRecord<String, byte[]>> records = publisher.toRecords(row);

    assertThat(records)
        .extracting(ProducerRecord::topic)
        .containsExactly(
            "t.metadata.occurrences",
            "t.metadata.attestations",
            "t.metadata.occurrences",
            "t.metadata.attestations");
    assertThat(records.get(0).value()).isNotNull();
    assertThat(records.get(1).value()).isNotNull();
    assertThat(records.get(2).value()).isNull();
    assertThat(records.get(3).value()).isNull();
    assertThat(records.get(2).headers().toArray()).isEmpty();
  }

  @Test
  void vulnerabilityDeleteStaysOnOneTopic() {
    OutboxRow row = row(deleted(OccurrenceKind.VULNERABILITY));

    List<ProducerRecord<String, byte[]>> records = publisher.toRecords(row);

    assertThat(records)
        .extracting(ProducerRecord::topic)
        .containsExactly("t.metadata.occurrences", "t.metadata.occurrences");
  }

  @Test
  void unknownEventTypeIsRejected() {
    OutboxRow row =
        new OutboxRow(7, NAME, "dev.custos.unknown", "{}", Instant.now(), UUID.randomUUID());

    assertThatThrownBy(() -> publisher.toRecords(row))
        .isInstanceOf(OutboxPublishException.class)
        .hasMessageContaining("Outbox row 7")
        .hasMessageContaining("dev.custos.unknown");
  }

  private static OutboxRow row(OccurrenceEvent event) {
    String payload = new String(new EventJson().write(event), StandardCharsets.UTF_8);

    return new OutboxRow(
        1, NAME, EventType.of(event).type(), payload, Instant.now(), UUID.randomUUID());
  }

  private static OccurrenceCreated created(OccurrenceKind kind) {
    return new OccurrenceCreated(NAME, kind, "https://r/app", "projects/p/notes/n", occurrence());
  }

  private static OccurrenceDeleted deleted(OccurrenceKind kind) {
    return new OccurrenceDeleted(NAME, kind, "https://r/app", "projects/p/notes/n", occurrence());
  }

  private static ObjectNode occurrence() {
    return new ObjectMapper().createObjectNode().put("name", NAME);
  }

  private static MetadataConfig defaultConfig() {
    return new SmallRyeConfigBuilder()
        .withMapping(MetadataConfig.class)
        .build()
        .getConfigMapping(MetadataConfig.class);
  }
}
