package dev.custos.signer.pushes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.events.cloudevents.OutgoingCloudEvent;
import dev.custos.events.registry.ImagePushed;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

/** Acknowledgement handling, with an emitter that acks, nacks, throws or never acknowledges. */
class ImagePushedPublisherTest {
  private static final Duration TIMEOUT = Duration.ofMillis(200);

  @Test
  void acknowledgedPushesAreReturned() {
    RecordingEmitter emitter = new RecordingEmitter(Message::ack);
    ImagePushedPublisher publisher = new ImagePushedPublisher(emitter);

    List<OutgoingCloudEvent> events =
        publisher.publish("main", List.of(push("e1", '1'), push("e2", '2')), TIMEOUT);

    assertThat(events)
        .extracting(event -> event.attributes().id())
        .containsExactly(PushEventIds.eventId("main", "e1"), PushEventIds.eventId("main", "e2"));
    assertThat(events.get(0).attributes().time()).isEqualTo(push("e1", '1').pushedAt());
    assertThat(emitter.sent).hasSize(2);
    OutgoingKafkaRecordMetadata<?> metadata =
        emitter.sent.get(0).getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow();
    assertThat(metadata.getKey()).isEqualTo("sha256:" + "1".repeat(64));
    assertThat(metadata.getHeaders().lastHeader("ce_id").value())
        .isEqualTo(PushEventIds.eventId("main", "e1").getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void noPushesPublishNothing() {
    RecordingEmitter emitter = new RecordingEmitter(Message::ack);

    List<OutgoingCloudEvent> events =
        new ImagePushedPublisher(emitter).publish("main", List.of(), TIMEOUT);

    assertThat(events).isEmpty();
    assertThat(emitter.sent).isEmpty();
  }

  @Test
  void missingAcknowledgementTimesOut() {
    RecordingEmitter emitter = new RecordingEmitter(message -> {});
    ImagePushedPublisher publisher = new ImagePushedPublisher(emitter);

    assertThatThrownBy(() -> publisher.publish("main", List.of(push("e1", '1')), TIMEOUT))
        .isInstanceOf(PublishTimeoutException.class)
        .hasMessage("Kafka acknowledged 0 of 1 image.pushed records within 200 ms");
  }

  @Test
  void negativeAcknowledgementFails() {
    RecordingEmitter emitter =
        new RecordingEmitter(message -> message.nack(new IllegalStateException("broker down")));
    ImagePushedPublisher publisher = new ImagePushedPublisher(emitter);

    assertThatThrownBy(() -> publisher.publish("main", List.of(push("e1", '1')), TIMEOUT))
        .isInstanceOf(PublishFailedException.class)
        .hasMessageContaining("broker down");
  }

  @Test
  void emitterRejectionFails() {
    RecordingEmitter emitter =
        new RecordingEmitter(
            message -> {
              throw new IllegalStateException("buffer full");
            });
    ImagePushedPublisher publisher = new ImagePushedPublisher(emitter);

    assertThatThrownBy(() -> publisher.publish("main", List.of(push("e1", '1')), TIMEOUT))
        .isInstanceOf(PublishFailedException.class)
        .hasMessageContaining("buffer full");
  }

  private static ImagePushed push(String eventId, char digit) {
    return new ImagePushed(
        "registry.example.com",
        "team/app",
        "1.0",
        "sha256:" + String.valueOf(digit).repeat(64),
        "application/vnd.oci.image.manifest.v1+json",
        401,
        Instant.parse("2026-12-04T14:30:47.943113736Z"),
        null,
        eventId,
        List.of());
  }

  /** Records each message and hands it to {@code broker}, which acks, nacks or ignores it. */
  private static final class RecordingEmitter implements Emitter<byte[]> {
    private final Consumer<Message<byte[]>> broker;
    private final List<Message<byte[]>> sent = new ArrayList<>();

    RecordingEmitter(Consumer<Message<byte[]>> broker) {
      this.broker = broker;
    }

    @Override
    public CompletionStage<Void> send(byte[] payload) {
      throw new UnsupportedOperationException("the publisher sends messages with metadata");
    }

    @Override
    public <M extends Message<? extends byte[]>> void send(M message) {
      @SuppressWarnings("unchecked")
      Message<byte[]> bytes = (Message<byte[]>) message;
      sent.add(bytes);
      broker.accept(bytes);
    }

    @Override
    public void complete() {}

    @Override
    public void error(Exception e) {}

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public boolean hasRequests() {
      return true;
    }
  }
}
