package dev.custos.signer.runner;

import dev.custos.events.CustosEvent;
import dev.custos.events.cloudevents.CloudEventKafkaCodec;
import dev.custos.events.cloudevents.OutgoingCloudEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Sends the workflows' records (outcomes, platform-manifest pushes, dead letters) and blocks until
 * the broker acknowledged them, so that a consumer offset is committed only after its effects are
 * durable. Safe for concurrent use, because the Kafka producer is.
 */
public final class RecordSender {
  private final Producer<String, byte[]> producer;
  private final CloudEventKafkaCodec codec;
  private final Duration timeout;

  public RecordSender(Producer<String, byte[]> producer, Duration timeout) {
    this.producer = Objects.requireNonNull(producer, "producer");
    this.codec = new CloudEventKafkaCodec();
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /** Encodes {@code event} with the given id and sends it to {@code topic}. */
  public OutgoingCloudEvent sendEvent(String topic, CustosEvent event, String id, Instant time) {
    OutgoingCloudEvent encoded = codec.encode(event, OutcomeIds.SOURCE, null, id, time);
    send(List.of(encoded.toProducerRecord(topic)));
    return encoded;
  }

  /**
   * Sends the records and waits for every acknowledgement.
   *
   * @throws RecordSendException if a record was not acknowledged within the timeout or rejected
   */
  public void send(List<ProducerRecord<String, byte[]>> records) {
    List<Future<RecordMetadata>> acknowledgements = new ArrayList<>();
    try {
      for (ProducerRecord<String, byte[]> record : records) {
        acknowledgements.add(producer.send(record));
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      for (Future<RecordMetadata> acknowledgement : acknowledgements) {
        acknowledgement.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } catch (ExecutionException e) {
      throw new RecordSendException("Kafka rejected a record: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new RecordSendException("Kafka did not acknowledge a record within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RecordSendException("interrupted while waiting for Kafka", e);
    } catch (RuntimeException e) {
      throw new RecordSendException("the Kafka producer failed: " + e, e);
    }
  }

  /** A record that Kafka did not store; the caller tries again later. */
  public static final class RecordSendException extends RuntimeException {
    RecordSendException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
