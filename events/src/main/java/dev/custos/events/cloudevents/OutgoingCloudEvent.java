package dev.custos.events.cloudevents;

import dev.custos.events.CustosEvent;
import dev.custos.events.EventType;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A CloudEvent encoded for Kafka in binary mode: the record key, the CloudEvents headers and the
 * JSON data, with the topics that the event belongs on.
 */
public final class OutgoingCloudEvent {
  private final CloudEventAttributes attributes;
  private final CustosEvent event;
  private final String key;
  private final List<String> topics;
  private final Header[] headers;
  private final byte[] data;

  OutgoingCloudEvent(
      CloudEventAttributes attributes,
      CustosEvent event,
      List<String> topics,
      Header[] headers,
      byte[] data) {
    this.attributes = attributes;
    this.event = event;
    this.key = event.key();
    this.topics = List.copyOf(topics);
    this.headers = headers.clone();
    this.data = data;
  }

  /** Returns the context attributes, whose id a producer logs and stores for retries. */
  public CloudEventAttributes attributes() {
    return attributes;
  }

  /** Returns the event record that was encoded. */
  public CustosEvent event() {
    return event;
  }

  /** Returns the Kafka record key, from {@link CustosEvent#key()}. */
  public String key() {
    return key;
  }

  /** Returns the topics to publish the event on, from {@link EventType#topicsFor}. */
  public List<String> topics() {
    return topics;
  }

  /**
   * Returns a new, writable copy of the headers on each call, because a Kafka producer makes the
   * headers of a record read-only once it sends the record.
   */
  public Headers headers() {
    return new RecordHeaders(headers.clone());
  }

  /**
   * Returns the JSON data as UTF-8 bytes. The array is not copied, so callers must not modify it.
   */
  public byte[] data() {
    return data;
  }

  /**
   * Returns a producer record of this event for {@code topic}, with its own copy of the headers.
   */
  public ProducerRecord<String, byte[]> toProducerRecord(String topic) {
    return new ProducerRecord<>(topic, null, key, data, headers());
  }

  /** Returns one producer record for each of {@link #topics()}, in that order. */
  public List<ProducerRecord<String, byte[]>> toProducerRecords() {
    return topics.stream().map(this::toProducerRecord).toList();
  }
}
