package dev.custos.embedded.probe;

import dev.custos.events.CustosEvent;
import dev.custos.events.cloudevents.CloudEventKafkaCodec;
import dev.custos.events.cloudevents.OutgoingCloudEvent;
import dev.custos.events.cloudevents.ReceivedCloudEvent;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Sends and receives Custos events through the broker with the shared CloudEvents mapping. */
@ApplicationScoped
public class ProbeEvents {

  static final URI SOURCE = URI.create("/custos/embedded-servers-probe");

  private final CloudEventKafkaCodec codec = new CloudEventKafkaCodec();
  private final List<ReceivedCloudEvent> received = new CopyOnWriteArrayList<>();

  @Inject
  @Channel("probe-out")
  Emitter<byte[]> emitter;

  /** Sends {@code event} and completes once the broker acknowledged it. */
  public CompletionStage<OutgoingCloudEvent> send(CustosEvent event) {
    OutgoingCloudEvent outgoing = codec.encode(event, SOURCE);
    CompletableFuture<OutgoingCloudEvent> acknowledged = new CompletableFuture<>();
    Message<byte[]> message =
        Message.of(
                outgoing.data(),
                () -> {
                  acknowledged.complete(outgoing);
                  return CompletableFuture.completedFuture(null);
                },
                failure -> {
                  acknowledged.completeExceptionally(failure);
                  return CompletableFuture.completedFuture(null);
                })
            .addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder()
                    .withKey(outgoing.key())
                    .withHeaders(outgoing.headers())
                    .build());
    emitter.send(message);
    return acknowledged;
  }

  @Incoming("probe-in")
  public CompletionStage<Void> receive(Message<byte[]> message) {
    IncomingKafkaRecordMetadata<?, ?> metadata =
        message.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow();
    received.add(codec.decode(metadata.getHeaders(), message.getPayload()));
    return message.ack();
  }

  public List<ReceivedCloudEvent> received() {
    return List.copyOf(received);
  }
}
