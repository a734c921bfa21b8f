package dev.custos.events.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.custos.events.CustosEvent;
import dev.custos.events.EventFormatException;
import dev.custos.events.EventJson;
import dev.custos.events.EventSamples;
import dev.custos.events.EventType;
import dev.custos.events.registry.ImagePushed;
import dev.custos.events.signer.ImageSigned;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.SimpleRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class CloudEventKafkaCodecTest {
  private static final URI SOURCE = URI.create("/custos/signer-service");
  private static final Instant NOW = Instant.parse("2025-03-04T10:15:30.123Z");
  private static final String ID = "3f1c9a2e-5b7d-4e8f-a0b1-c2d3e4f5a6b7";
  private static final String SUBJECT = "registry.example.com/team/app";

  private final CloudEventKafkaCodec codec =
      new CloudEventKafkaCodec(new EventJson(), Clock.fixed(NOW, ZoneOffset.UTC));

  @ParameterizedTest
  @EnumSource(EventType.class)
  void producerRecordHasEveryHeader(EventType type) {
    CustosEvent event = EventSamples.sample(type);

    ProducerRecord<String, byte[]> record = encodeSample(event).toProducerRecord("test.topic");
    Headers headers = record.headers();

    assertThat(record.topic()).isEqualTo("test.topic");
    assertThat(record.key()).isEqualTo(event.key());
    assertThat(headerValue(headers, "ce_specversion")).isEqualTo("1.0");
    assertThat(headerValue(headers, "ce_id")).isEqualTo(ID);
    assertThat(headerValue(headers, "ce_type")).isEqualTo(type.type());
    assertThat(headerValue(headers, "ce_source")).isEqualTo("/custos/signer-service");
    assertThat(headerValue(headers, "ce_time")).isEqualTo("2025-03-04T10:15:30.123Z");
    assertThat(headerValue(headers, "ce_subject")).isEqualTo(SUBJECT);
    assertThat(headerValue(headers, "content-type")).isEqualTo("application/json");
    assertThat(headers.toArray()).hasSize(7);
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void producerRecordDecodesToSameEvent(EventType type) {
    CustosEvent event = EventSamples.sample(type);
    ProducerRecord<String, byte[]> record = encodeSample(event).toProducerRecord("test.topic");

    ReceivedCloudEvent received = codec.decode(record.headers(), record.value());

    assertThat(received.attributes())
        .isEqualTo(new CloudEventAttributes(ID, type, SOURCE, NOW, SUBJECT));
    assertThat(received.data()).isEqualTo(event);
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void recordBatchRoundTripKeepsEvent(EventType type) {
    CustosEvent event = EventSamples.sample(type);
    ProducerRecord<String, byte[]> sent = encodeSample(event).toProducerRecord("test.topic");

    Record stored = writeAndReadBatch(sent);
    ReceivedCloudEvent received =
        codec.decode(new RecordHeaders(stored.headers()), bytes(stored.value()));

    assertThat(readKey(stored)).isEqualTo(event.key());
    assertThat(received.attributes().id()).isEqualTo(ID);
    assertThat(received.data()).isEqualTo(event);
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void producerRecordsFollowEventTopics(EventType type) {
    CustosEvent event = EventSamples.sample(type);

    List<String> topics =
        encodeSample(event).toProducerRecords().stream().map(ProducerRecord::topic).toList();

    assertThat(topics).isEqualTo(EventType.topicsFor(event));
  }

  @Test
  void producerRecordsHaveSeparateHeaders() {
    OutgoingCloudEvent outgoing = encodeSample(EventSamples.sample(EventType.OCCURRENCE_CREATED));
    List<ProducerRecord<String, byte[]>> records = outgoing.toProducerRecords();

    records.get(0).headers().add("extra", new byte[0]);

    assertThat(records.get(1).headers().lastHeader("extra")).isNull();
    assertThat(outgoing.headers().lastHeader("extra")).isNull();
  }

  @Test
  void defaultIdIsRandomUuid() {
    ImagePushed event = EventSamples.imagePushed();

    String first = codec.encode(event, SOURCE).attributes().id();
    String second = codec.encode(event, SOURCE).attributes().id();

    assertThat(UUID.fromString(first).toString()).isEqualTo(first);
    assertThat(second).isNotEqualTo(first);
  }

  @Test
  void defaultTimeIsClockTime() {
    OutgoingCloudEvent outgoing = codec.encode(EventSamples.imagePushed(), SOURCE);

    assertThat(outgoing.attributes().time()).isEqualTo(NOW);
  }

  @Test
  void absentSubjectLeavesOutHeader() {
    OutgoingCloudEvent outgoing = codec.encode(EventSamples.imagePushed(), SOURCE);

    assertThat(outgoing.headers().lastHeader("ce_subject")).isNull();
    assertThat(codec.decode(outgoing.headers(), outgoing.data()).attributes().subject()).isNull();
  }

  @Test
  void blankIdIsRejected() {
    assertThatThrownBy(
            () -> codec.encode(EventSamples.imagePushed(), SOURCE, null, " ", Instant.now()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("id must not be blank");
  }

  @Test
  void emptySourceIsRejected() {
    assertThatThrownBy(() -> codec.encode(EventSamples.imagePushed(), URI.create("")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("source must not be an empty URI reference");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ce_specversion", "ce_id", "ce_type", "ce_source", "ce_time"})
  void missingHeaderIsNamed(String header) {
    Headers headers = sampleHeaders();
    headers.remove(header);

    CloudEventHeaderException thrown = catchHeaderException(headers, sampleValue());

    assertThat(thrown.header()).isEqualTo(header);
    assertThat(thrown).hasMessage("Header " + header + " is missing");
  }

  @Test
  void missingTypeIsRejected() {
    Headers headers = sampleHeaders();
    headers.remove("ce_type");

    assertThatThrownBy(() -> codec.decode(headers, sampleValue()))
        .isInstanceOf(CloudEventHeaderException.class)
        .hasMessage("Header ce_type is missing");
  }

  @Test
  void unknownTypeIsRejected() {
    Headers headers =
        replaceHeader(sampleHeaders(), "ce_type", "dev.custos.registry.image.deleted");

    CloudEventHeaderException thrown = catchHeaderException(headers, sampleValue());

    assertThat(thrown.header()).isEqualTo("ce_type");
    assertThat(thrown).hasMessageContaining("'dev.custos.registry.image.deleted'");
    assertThat(thrown).hasMessageContaining("not a Custos event type");
  }

  @Test
  void wrongSpecVersionIsRejected() {
    Headers headers = replaceHeader(sampleHeaders(), "ce_specversion", "0.3");

    CloudEventHeaderException thrown = catchHeaderException(headers, sampleValue());

    assertThat(thrown.header()).isEqualTo("ce_specversion");
    assertThat(thrown)
        .hasMessage("Header ce_specversion is '0.3', but only CloudEvents 1.0 is supported");
  }

  @Test
  void malformedJsonNamesEventType() {
    byte[] value = "{\"authority\": ".getBytes(StandardCharsets.UTF_8);

    EventFormatException thrown =
        catchThrowableOfType(
            EventFormatException.class, () -> codec.decode(sampleHeaders(), value));

    assertThat(thrown).isNotInstanceOf(CloudEventHeaderException.class);
    assertThat(thrown.eventType()).contains("dev.custos.signer.image.signed");
    assertThat(thrown).hasMessageContaining("dev.custos.signer.image.signed");
    assertThat(thrown).hasMessageContaining("not valid JSON");
  }

  @Test
  void invalidDataNamesField() {
    byte[] value = "{\"authority\": \"production\"}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> codec.decode(sampleHeaders(), value))
        .isInstanceOf(EventFormatException.class)
        .hasMessageContaining("authority is not a valid Grafeas name");
  }

  @Test
  void tombstoneIsRejected() {
    assertThatThrownBy(() -> codec.decode(sampleHeaders(), null))
        .isInstanceOf(EventFormatException.class)
        .hasMessageContaining("tombstone");
  }

  @Test
  void nullValueIsTombstone() {
    assertThat(CloudEventKafkaCodec.isTombstone(null)).isTrue();
    assertThat(CloudEventKafkaCodec.isTombstone(new byte[0])).isFalse();
  }

  @Test
  void invalidTimeIsRejected() {
    Headers headers = replaceHeader(sampleHeaders(), "ce_time", "yesterday");

    CloudEventHeaderException thrown = catchHeaderException(headers, sampleValue());

    assertThat(thrown.header()).isEqualTo("ce_time");
    assertThat(thrown).hasMessageContaining("'yesterday'");
  }

  @Test
  void timeWithOffsetIsAccepted() {
    Headers headers = replaceHeader(sampleHeaders(), "ce_time", "2025-03-04t12:15:30.123+02:00");

    CloudEventAttributes attributes = codec.readAttributes(headers);

    assertThat(attributes.time()).isEqualTo(NOW);
  }

  @Test
  void invalidSourceIsRejected() {
    Headers headers = replaceHeader(sampleHeaders(), "ce_source", "/custos/signer service");

    CloudEventHeaderException thrown = catchHeaderException(headers, sampleValue());

    assertThat(thrown.header()).isEqualTo("ce_source");
    assertThat(thrown).hasMessageContaining("not a valid URI reference");
  }

  @Test
  void emptySubjectIsRejected() {
    Headers headers = replaceHeader(sampleHeaders(), "ce_subject", "");

    CloudEventHeaderException thrown = catchHeaderException(headers, sampleValue());

    assertThat(thrown.header()).isEqualTo("ce_subject");
    assertThat(thrown).hasMessage("Header ce_subject is empty");
  }

  @Test
  void repeatedHeaderIsRejected() {
    Headers headers = sampleHeaders();
    headers.add("ce_id", "second-id".getBytes(StandardCharsets.UTF_8));

    CloudEventHeaderException thrown = catchHeaderException(headers, sampleValue());

    assertThat(thrown.header()).isEqualTo("ce_id");
    assertThat(thrown).hasMessageContaining("appears more than once");
  }

  @Test
  void invalidUtf8HeaderIsRejected() {
    Headers headers = sampleHeaders();
    headers.remove("ce_id");
    headers.add("ce_id", new byte[] {(byte) 0xc3, (byte) 0x28});

    CloudEventHeaderException thrown = catchHeaderException(headers, sampleValue());

    assertThat(thrown.header()).isEqualTo("ce_id");
    assertThat(thrown).hasMessage("Header ce_id is not valid UTF-8");
  }

  @Test
  void textContentTypeIsRejected() {
    Headers headers = replaceHeader(sampleHeaders(), "content-type", "text/plain");

    CloudEventHeaderException thrown = catchHeaderException(headers, sampleValue());

    assertThat(thrown.header()).isEqualTo("content-type");
    assertThat(thrown).hasMessageContaining("'text/plain'");
  }

  @Test
  void structuredModeIsRejected() {
    Headers headers =
        replaceHeader(sampleHeaders(), "content-type", "application/cloudevents+json");

    assertThatThrownBy(() -> codec.decode(headers, sampleValue()))
        .isInstanceOf(CloudEventHeaderException.class)
        .hasMessageContaining("structured-mode CloudEvents are not supported");
  }

  @Test
  void contentTypeParametersAreAccepted() {
    Headers headers =
        replaceHeader(sampleHeaders(), "content-type", "Application/JSON; charset=utf-8");

    assertThat(codec.decode(headers, sampleValue()).data()).isEqualTo(sampleEvent());
  }

  @Test
  void missingContentTypeIsAccepted() {
    Headers headers = sampleHeaders();
    headers.remove("content-type");

    assertThat(codec.decode(headers, sampleValue()).data()).isEqualTo(sampleEvent());
  }

  @Test
  void attributesReadWithoutDecodingData() {
    CloudEventAttributes attributes = codec.readAttributes(sampleHeaders());

    assertThat(attributes.id()).isEqualTo(ID);
    assertThat(attributes.type()).isEqualTo(EventType.IMAGE_SIGNED);
  }

  @Test
  void typedDataRejectsOtherClass() {
    ReceivedCloudEvent received = codec.decode(sampleHeaders(), sampleValue());

    assertThat(received.data(ImageSigned.class)).isEqualTo(sampleEvent());
    assertThatThrownBy(() -> received.data(ImagePushed.class))
        .isInstanceOf(ClassCastException.class)
        .hasMessageContaining("carries ImageSigned, not ImagePushed");
  }

  private OutgoingCloudEvent encodeSample(CustosEvent event) {
    return codec.encode(event, SOURCE, SUBJECT, ID, NOW);
  }

  private static CustosEvent sampleEvent() {
    return EventSamples.sample(EventType.IMAGE_SIGNED);
  }

  private Headers sampleHeaders() {
    return encodeSample(sampleEvent()).headers();
  }

  private byte[] sampleValue() {
    return encodeSample(sampleEvent()).data();
  }

  private CloudEventHeaderException catchHeaderException(Headers headers, byte[] value) {
    return catchThrowableOfType(
        CloudEventHeaderException.class, () -> codec.decode(headers, value));
  }

  private static Headers replaceHeader(Headers headers, String name, String value) {
    headers.remove(name);
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));

    return headers;
  }

  private static String headerValue(Headers headers, String name) {
    List<String> values = new ArrayList<>();
    for (Header header : headers.headers(name)) {
      values.add(new String(header.value(), StandardCharsets.UTF_8));
    }
    assertThat(values).as("values of header %s", name).hasSize(1);

    return values.get(0);
  }

  /** Writes the record into a Kafka record batch, the broker's wire format, and reads it back. */
  private static Record writeAndReadBatch(ProducerRecord<String, byte[]> sent) {
    byte[] key;
    try (StringSerializer serializer = new StringSerializer()) {
      key = serializer.serialize(sent.topic(), sent.key());
    }
    SimpleRecord simple =
        new SimpleRecord(NOW.toEpochMilli(), key, sent.value(), sent.headers().toArray());
    MemoryRecords written = MemoryRecords.withRecords(Compression.NONE, simple);

    MemoryRecords read = MemoryRecords.readableRecords(written.buffer().duplicate());
    List<Record> records = new ArrayList<>();
    read.records().forEach(records::add);
    assertThat(records).hasSize(1);

    return records.get(0);
  }

  private static String readKey(Record record) {
    try (StringDeserializer deserializer = new StringDeserializer()) {
      return deserializer.deserialize("test.topic", bytes(record.key()));
    }
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);

    return bytes;
  }
}
