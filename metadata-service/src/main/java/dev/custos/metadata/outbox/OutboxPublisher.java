package dev.custos.metadata.outbox;

import dev.custos.events.CustosEvent;
import dev.custos.events.EventJson;
import dev.custos.events.EventType;
import dev.custos.events.cloudevents.CloudEventKafkaCodec;
import dev.custos.events.cloudevents.OutgoingCloudEvent;
import dev.custos.events.metadata.OccurrenceDeleted;
import dev.custos.metadata.MetadataConfig;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends outbox rows to Kafka with an idempotent {@link KafkaProducer} and waits until the broker
 * acknowledged every record. Only the relay thread calls it.
 *
 * <p>Each row becomes one CloudEvent per topic of {@link EventType#topicsFor}, encoded by {@link
 * CloudEventKafkaCodec} with the row's stored id and creation time, so a republished row carries
 * the same {@code ce_id} and {@code ce_time}. A deletion is followed on each topic by a tombstone
 * with the same key, so that compaction drops the occurrence.
 */
@ApplicationScoped
class OutboxPublisher {
  /** The CloudEvents {@code source} of every event that the metadata service publishes. */
  static final URI SOURCE = URI.create("/custos/metadata-service");

  private final CloudEventKafkaCodec codec = new CloudEventKafkaCodec();
  private final EventJson eventJson = new EventJson();
  private final Map<String, Object> kafkaConfig;
  private final String topicPrefix;
  private final Duration publishTimeout;
  private Producer<String, byte[]> producer;

  OutboxPublisher(
      @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
      @ConfigProperty(name = "custos.kafka.topic-prefix") Optional<String> topicPrefix,
      MetadataConfig config) {
    this.kafkaConfig = kafkaConfig;
    this.topicPrefix = topicPrefix.orElse("");
    this.publishTimeout = Duration.ofMillis(config.outbox().publishTimeoutMs());
  }

  /**
   * Sends the records of every row, in row order, and returns once the broker acknowledged all of
   * them. On failure it closes the producer, dropping records not yet sent, so that no record of a
   * failed batch reaches the broker after the retry's records.
   *
   * @throws OutboxPublishException if a record was rejected or not acknowledged in time
   */
  void publish(List<OutboxRow> rows) {
    List<Acknowledgement> acknowledgements = new ArrayList<>();
    try {
      for (OutboxRow row : rows) {
        sendRow(row, acknowledgements);
      }
      awaitAll(acknowledgements);
    } catch (RuntimeException e) {
      closeProducer(Duration.ZERO);
      throw e;
    }
  }

  /** Returns the producer records of one row: the event on each topic, then any tombstones. */
  List<ProducerRecord<String, byte[]>> toRecords(OutboxRow row) {
    OutgoingCloudEvent event = encode(row);
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    for (String topic : event.topics()) {
      records.add(event.toProducerRecord(topicPrefix + topic));
    }
    if (event.event() instanceof OccurrenceDeleted) {
      for (String topic : event.topics()) {
        records.add(new ProducerRecord<>(topicPrefix + topic, event.key(), null));
      }
    }

    return records;
  }

  void close() {
    closeProducer(Duration.ofSeconds(1));
  }

  /** The broker's pending acknowledgement of one record of outbox row {@code rowId}. */
  private record Acknowledgement(long rowId, Future<RecordMetadata> future) {}

  private void sendRow(OutboxRow row, List<Acknowledgement> acknowledgements) {
    for (ProducerRecord<String, byte[]> record : toRecords(row)) {
      acknowledgements.add(new Acknowledgement(row.id(), producer().send(record)));
    }
  }

  private OutgoingCloudEvent encode(OutboxRow row) {
    EventType type = decodeType(row);
    CustosEvent event = eventJson.read(type, row.payload().getBytes(StandardCharsets.UTF_8));

    return codec.encode(event, SOURCE, null, row.eventId().toString(), row.created());
  }

  private static EventType decodeType(OutboxRow row) {
    return EventType.fromType(row.eventType())
        .orElseThrow(
            () ->
                new OutboxPublishException(
                    "Outbox row "
                        + row.id()
                        + " has event type '"
                        + row.eventType()
                        + "', which is not a Custos event type",
                    null));
  }

  private void awaitAll(List<Acknowledgement> acknowledgements) {
    long deadline = System.nanoTime() + publishTimeout.toNanos();
    for (Acknowledgement acknowledgement : acknowledgements) {
      awaitOne(acknowledgement, deadline);
    }
  }

  private void awaitOne(Acknowledgement acknowledgement, long deadlineNanos) {
    try {
      acknowledgement
          .future()
          .get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RecordTooLargeException tooLarge) {
        throw new OutboxRecordTooLargeException(acknowledgement.rowId(), tooLarge);
      }
      throw new OutboxPublishException(
          "Kafka did not store an outbox record: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new OutboxPublishException(
          "Kafka did not acknowledge an outbox record within " + publishTimeout.toMillis() + " ms",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OutboxPublishException("Interrupted while waiting for Kafka to acknowledge", e);
    }
  }

  private Producer<String, byte[]> producer() {
    if (producer == null) {
      producer = new KafkaProducer<>(producerConfig());
    }

    return producer;
  }

  /**
   * Returns the {@code kafka.*} settings with the relay's own: idempotence and {@code acks=all}, so
   * that a retry inside the producer neither duplicates nor reorders records, and the timeouts of
   * one publish attempt.
   */
  Map<String, Object> producerConfig() {
    Map<String, Object> config = new HashMap<>(kafkaConfig);
    int timeoutMs = (int) Math.min(publishTimeout.toMillis(), Integer.MAX_VALUE);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "custos-metadata-outbox");
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (long) timeoutMs);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs);
    // delivery.timeout.ms must be at least linger.ms + request.timeout.ms.
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeoutMs, 30_000));

    return config;
  }

  private void closeProducer(Duration timeout) {
    if (producer != null) {
      producer.close(timeout);
      producer = null;
    }
  }
}
