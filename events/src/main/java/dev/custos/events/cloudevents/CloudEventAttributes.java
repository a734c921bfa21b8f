package dev.custos.events.cloudevents;

import dev.custos.events.EventType;
import dev.custos.events.Require;
import java.net.URI;
import java.time.Instant;

/**
 * The CloudEvents 1.0 context attributes of a Custos event, carried in the Kafka headers.
 *
 * @param id the event id, unique per source, on which consumers deduplicate
 * @param type the event type, from the {@code type} attribute
 * @param source the non-empty URI reference of the producer, such as {@code /custos/signer-service}
 * @param time when the event happened
 * @param subject what the event is about inside the source, or {@code null}
 */
public record CloudEventAttributes(
    String id, EventType type, URI source, Instant time, String subject) {

  public CloudEventAttributes {
    Require.text(id, "id");
    Require.present(type, "type");
    Require.present(source, "source");
    if (source.toString().isEmpty()) {
      throw new IllegalArgumentException("source must not be an empty URI reference");
    }
    Require.present(time, "time");
    Require.optionalText(subject, "subject");
  }
}
