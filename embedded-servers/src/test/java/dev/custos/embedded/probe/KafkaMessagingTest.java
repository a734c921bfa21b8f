package dev.custos.embedded.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.custos.embedded.EmbeddedServersResource;
import dev.custos.embedded.InjectTestInfrastructure;
import dev.custos.embedded.TestInfrastructure;
import dev.custos.events.cloudevents.OutgoingCloudEvent;
import dev.custos.events.cloudevents.ReceivedCloudEvent;
import dev.custos.events.registry.ImagePushed;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class KafkaMessagingTest {

  private static final String DIGEST =
      "sha256:0e5574283393117180fa4e7a8a8b0fc2e2fc2b9b7e5d7b1f9c8e6b5a4d3c2b1a";

  @Inject ProbeEvents events;

  @InjectTestInfrastructure TestInfrastructure infrastructure;

  @Test
  void cloudEventRoundTripsThroughBroker() throws Exception {
    ImagePushed pushed = imagePushed();

    OutgoingCloudEvent sent = events.send(pushed).toCompletableFuture().get(30, TimeUnit.SECONDS);

    String id = sent.attributes().id();
    await().atMost(Duration.ofSeconds(30)).until(() -> receivedWithId(id).isPresent());
    ReceivedCloudEvent received = receivedWithId(id).orElseThrow();
    assertThat(received.attributes().type()).isEqualTo(sent.attributes().type());
    assertThat(received.attributes().source()).isEqualTo(ProbeEvents.SOURCE);
    assertThat(received.data()).isEqualTo(pushed);
  }

  @Test
  void recordOnBrokerCarriesBinaryModeHeaders() throws Exception {
    ImagePushed pushed = imagePushed();
    events.send(pushed).toCompletableFuture().get(30, TimeUnit.SECONDS);

    List<ConsumerRecord<String, byte[]>> records = readTopic(infrastructure.topic("probe.events"));

    assertThat(records).isNotEmpty();
    ConsumerRecord<String, byte[]> record = records.get(records.size() - 1);
    assertThat(record.key()).isEqualTo(DIGEST);
    assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
    assertThat(header(record, "ce_type")).isEqualTo("dev.custos.registry.image.pushed");
    assertThat(header(record, "ce_source")).isEqualTo(ProbeEvents.SOURCE.toString());
    assertThat(header(record, "ce_id")).isNotBlank();
    assertThat(header(record, "ce_time")).isNotBlank();
    assertThat(header(record, "content-type")).isEqualTo("application/json");
  }

  private Optional<ReceivedCloudEvent> receivedWithId(String id) {
    return events.received().stream()
        .filter(event -> event.attributes().id().equals(id))
        .findFirst();
  }

  private List<ConsumerRecord<String, byte[]>> readTopic(String topic) {
    Properties properties = infrastructure.kafkaProperties();
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, "kafka-messaging-test");
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (records.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private static ImagePushed imagePushed() {
    return new ImagePushed(
        "registry.example.com",
        "payment",
        "1.0",
        DIGEST,
        "application/vnd.oci.image.manifest.v1+json",
        1234,
        Instant.parse("2026-12-04T12:00:00Z"),
        "ci-bot",
        "f3c1a2b4-0000-4000-8000-000000000001",
        List.of());
  }
}
