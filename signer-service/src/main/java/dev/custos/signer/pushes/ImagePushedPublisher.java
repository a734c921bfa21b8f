package dev.custos.signer.pushes;

import dev.custos.events.Topics;
import dev.custos.events.cloudevents.CloudEventKafkaCodec;
import dev.custos.events.cloudevents.OutgoingCloudEvent;
import dev.custos.events.registry.ImagePushed;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes {@link ImagePushed} events on {@code registry.pushes} and waits for the broker's
 * acknowledgement of each record, so that the webhook endpoint returns 2xx only once its pushes are
 * durable.
 *
 * <p>Each event's {@code ce_id} comes from {@link PushEventIds} and its {@code ce_time} is the push
 * time, so a redelivered webhook produces records equal to the first ones, and consumers drop the
 * duplicates by {@code ce_id}.
 */
@ApplicationScoped
public class ImagePushedPublisher {
  private final Emitter<byte[]> emitter;
  private final CloudEventKafkaCodec codec;

  @Inject
  ImagePushedPublisher(@Channel(Topics.REGISTRY_PUSHES) Emitter<byte[]> emitter) {
    this(emitter, new CloudEventKafkaCodec());
  }

  ImagePushedPublisher(Emitter<byte[]> emitter, CloudEventKafkaCodec codec) {
    this.emitter = emitter;
    this.codec = codec;
  }

  /**
   * Sends every push of one webhook request and blocks until the broker acknowledged all of them.
   *
   * @param registryName the configured name of the registry that sent the pushes
   * @return the encoded events, in the order of {@code pushes}
   * @throws PublishTimeoutException if some record is not acknowledged within {@code timeout}
   * @throws PublishFailedException if the producer or the broker rejected a record
   */
  public List<OutgoingCloudEvent> publish(
      String registryName, List<ImagePushed> pushes, Duration timeout) {
    List<OutgoingCloudEvent> events = new ArrayList<>(pushes.size());
    List<CompletableFuture<Void>> acknowledgements = new ArrayList<>(pushes.size());
    for (ImagePushed push : pushes) {
      OutgoingCloudEvent event = encode(registryName, push);
      events.add(event);
      acknowledgements.add(send(event));
    }

    awaitAll(acknowledgements, timeout);
    return events;
  }

  private OutgoingCloudEvent encode(String registryName, ImagePushed push) {
    String id = PushEventIds.eventId(registryName, push.registryEventId());
    return codec.encode(push, PushEventIds.source(registryName), null, id, push.pushedAt());
  }

  private CompletableFuture<Void> send(OutgoingCloudEvent event) {
    CompletableFuture<Void> acknowledged = new CompletableFuture<>();
    Message<byte[]> message =
        Message.of(
                event.data(),
                () -> {
                  acknowledged.complete(null);
                  return CompletableFuture.completedFuture(null);
                },
                failure -> {
                  acknowledged.completeExceptionally(failure);
                  return CompletableFuture.completedFuture(null);
                })
            .addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder()
                    .withKey(event.key())
                    .withHeaders(event.headers())
                    .build());
    try {
      emitter.send(message);
    } catch (RuntimeException e) {
      // The emitter throws when its buffer is full or the channel has failed.
      acknowledged.completeExceptionally(e);
    }
    return acknowledged;
  }

  private static void awaitAll(List<CompletableFuture<Void>> acknowledgements, Duration timeout) {
    CompletableFuture<Void> all =
        CompletableFuture.allOf(acknowledgements.toArray(CompletableFuture[]::new));
    try {
      all.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new PublishTimeoutException(
          countAcknowledged(acknowledgements), acknowledgements.size(), timeout);
    } catch (ExecutionException e) {
      throw new PublishFailedException(
          "Kafka did not store an image.pushed record: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishFailedException("interrupted while waiting for Kafka to acknowledge", e);
    }
  }

  private static int countAcknowledged(List<CompletableFuture<Void>> acknowledgements) {
    int count = 0;
    for (CompletableFuture<Void> acknowledgement : acknowledgements) {
      if (acknowledgement.isDone() && !acknowledgement.isCompletedExceptionally()) {
        count++;
      }
    }
    return count;
  }
}
