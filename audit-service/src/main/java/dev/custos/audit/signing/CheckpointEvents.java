package dev.custos.audit.signing;

import dev.custos.audit.KafkaSettings;
import dev.custos.events.audit.CheckpointPublished;
import dev.custos.events.cloudevents.CloudEventKafkaCodec;
import dev.custos.events.cloudevents.OutgoingCloudEvent;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends each stored checkpoint to {@code audit.log} as a {@code dev.custos.audit.checkpoint} event,
 * on partition 0 with the origin as key, like the entries. The outbox sends the entries on its own
 * thread, so a checkpoint can arrive before some of the entries that it covers. Only {@link
 * CheckpointScheduler#maybeCheckpoint}, which is synchronized, calls it.
 */
final class CheckpointEvents {
  private static final URI SOURCE = URI.create("/custos/audit-service");
  private static final int PARTITION = 0;

  private final CloudEventKafkaCodec codec = new CloudEventKafkaCodec();
  private final Map<String, Object> producerProperties;
  private final String topic;
  private final String origin;
  private final Duration publishTimeout;
  private Producer<String, byte[]> producer;

  /**
   * Creates the publisher from the properties of an idempotent producer, {@link
   * KafkaSettings#producerProperties}.
   */
  CheckpointEvents(
      Map<String, Object> producerProperties,
      String topic,
      String origin,
      Duration publishTimeout) {
    this.producerProperties = producerProperties;
    this.topic = topic;
    this.origin = origin;
    this.publishTimeout = publishTimeout;
  }

  /** Returns the CloudEvents id of the checkpoint of {@code treeSize} of the log {@code origin}. */
  static String eventId(String origin, long treeSize) {
    return origin + "/checkpoints/" + treeSize;
  }

  /**
   * Sends the checkpoint and waits until Kafka acknowledged it.
   *
   * @throws IllegalStateException if Kafka rejected it or did not acknowledge it in time
   */
  void publish(StoredCheckpoint checkpoint) {
    CheckpointPublished event =
        new CheckpointPublished(
            origin,
            checkpoint.treeSize(),
            Base64.getEncoder().encodeToString(checkpoint.rootHash()),
            checkpoint.note());
    OutgoingCloudEvent outgoing =
        codec.encode(
            event, SOURCE, null, eventId(origin, checkpoint.treeSize()), checkpoint.signedAt());
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(topic, PARTITION, outgoing.key(), outgoing.data(), outgoing.headers());
    try {
      producer().send(record).get(publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      close();
      throw new IllegalStateException(
          "Kafka did not acknowledge the checkpoint of tree size " + checkpoint.treeSize(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for Kafka", e);
    }
  }

  void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(1));
      producer = null;
    }
  }

  private Producer<String, byte[]> producer() {
    if (producer == null) {
      producer = new KafkaProducer<>(producerProperties);
    }
    return producer;
  }
}
