package dev.custos.audit.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custos.events.audit.AuditEntryAppended;
import dev.custos.events.cloudevents.CloudEventKafkaCodec;
import dev.custos.events.cloudevents.OutgoingCloudEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Sends entries to {@code audit.log} with an idempotent producer and waits until Kafka acknowledged
 * all of them. Only the relay thread calls it.
 *
 * <p>Every record goes to partition 0 with the leaf index as key, so the topic's order is the log's
 * order whatever its partition count. The CloudEvents id and time derive from the stored entry, so
 * a batch sent again carries the same ids.
 */
final class EntryPublisher {
  /** The CloudEvents {@code source} of the events that the audit service publishes. */
  static final URI SOURCE = URI.create("/custos/audit-service");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PARTITION = 0;

  private final CloudEventKafkaCodec codec = new CloudEventKafkaCodec();
  private final Map<String, Object> producerProperties;
  private final String topic;
  private final String logOrigin;
  private final Duration publishTimeout;
  private Producer<String, byte[]> producer;

  /** Creates the publisher from the properties of an idempotent producer. */
  EntryPublisher(
      Map<String, Object> producerProperties,
      String topic,
      String logOrigin,
      Duration publishTimeout) {
    this.producerProperties = producerProperties;
    this.topic = topic;
    this.logOrigin = logOrigin;
    this.publishTimeout = publishTimeout;
  }

  /**
   * Returns the CloudEvents id of the event of leaf {@code leafIndex} of the log {@code origin}.
   */
  static String eventId(String origin, long leafIndex) {
    return origin + "/entries/" + leafIndex;
  }

  /**
   * Sends the entries in order and returns once Kafka acknowledged all of them. On failure it
   * closes the producer, dropping what it has not sent, so that nothing of a failed batch arrives
   * after the records of its retry.
   *
   * @throws OutboxPublishException if a record was rejected or not acknowledged in time
   */
  void publish(List<StoredEntry> entries) {
    List<Future<RecordMetadata>> acknowledgements = new ArrayList<>(entries.size());
    try {
      for (StoredEntry entry : entries) {
        acknowledgements.add(producer().send(toRecord(entry)));
      }
      awaitAll(acknowledgements);
    } catch (RuntimeException e) {
      closeProducer(Duration.ZERO);
      throw e;
    }
  }

  ProducerRecord<String, byte[]> toRecord(StoredEntry entry) {
    AuditEntryAppended event =
        new AuditEntryAppended(
            readEntry(entry),
            entry.leafIndex(),
            HexFormat.of().formatHex(entry.leafHash()),
            entry.treeSize());
    OutgoingCloudEvent outgoing =
        codec.encode(
            event,
            SOURCE,
            entry.eventId(),
            eventId(logOrigin, entry.leafIndex()),
            entry.appendedAt());
    return new ProducerRecord<>(
        topic, PARTITION, outgoing.key(), outgoing.data(), outgoing.headers());
  }

  void close() {
    closeProducer(Duration.ofSeconds(1));
  }

  private static JsonNode readEntry(StoredEntry entry) {
    try {
      return JSON.readTree(entry.entry());
    } catch (IOException e) {
      throw new UncheckedIOException("stored entry " + entry.leafIndex() + " is not JSON", e);
    }
  }

  private void awaitAll(List<Future<RecordMetadata>> acknowledgements) {
    long deadline = System.nanoTime() + publishTimeout.toNanos();
    for (Future<RecordMetadata> acknowledgement : acknowledgements) {
      try {
        acknowledgement.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException e) {
        throw new OutboxPublishException("Kafka did not store an entry: " + e.getCause(), e);
      } catch (TimeoutException e) {
        throw new OutboxPublishException(
            "Kafka did not acknowledge the entries within " + publishTimeout.toMillis() + " ms", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new OutboxPublishException("Interrupted while waiting for Kafka", e);
      }
    }
  }

  private Producer<String, byte[]> producer() {
    if (producer == null) {
      producer = new KafkaProducer<>(producerProperties);
    }
    return producer;
  }

  private void closeProducer(Duration timeout) {
    if (producer != null) {
      producer.close(timeout);
      producer = null;
    }
  }
}
