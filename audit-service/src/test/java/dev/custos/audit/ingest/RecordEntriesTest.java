package dev.custos.audit.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.audit.entry.LogEntry;
import dev.custos.events.Topics;
import dev.custos.events.admission.AdmissionDecided;
import dev.custos.events.admission.ImageDecision;
import dev.custos.events.cloudevents.CloudEventKafkaCodec;
import dev.custos.events.cloudevents.OutgoingCloudEvent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class RecordEntriesTest {
  private static final URI SOURCE = URI.create("/custos/test");

  private final CloudEventKafkaCodec codec = new CloudEventKafkaCodec();
  private final RecordEntries recordEntries = new RecordEntries();

  @Test
  void eventBecomesEntryWithDataAsSent() {
    OutgoingCloudEvent event = codec.encode(IngestSamples.pushed(1), SOURCE);
    byte[] data = withExtraField(event.data());

    RecordEntries.Result result =
        recordEntries.toEntry(record(event.headers(), data, 5), Topics.REGISTRY_PUSHES);

    assertThat(result.failure()).isNull();
    assertThat(result.entry().eventId()).isEqualTo(event.attributes().id());
    assertThat(result.entry().data().path("addedLater").asText()).isEqualTo("kept");
  }

  @Test
  void malformedJsonBecomesFailedEntry() {
    OutgoingCloudEvent event = codec.encode(IngestSamples.pushed(1), SOURCE);
    byte[] value = "{\"registry\":".getBytes(StandardCharsets.UTF_8);

    RecordEntries.Result result =
        recordEntries.toEntry(record(event.headers(), value, 7), Topics.REGISTRY_PUSHES);

    assertThat(result.failure()).contains("not valid JSON");
    assertFailedEntry(result.entry(), value);
  }

  @Test
  void unknownTypeBecomesFailedEntry() {
    Headers headers = codec.encode(IngestSamples.pushed(1), SOURCE).headers();
    headers.remove(CloudEventKafkaCodec.TYPE_HEADER);
    headers.add(new RecordHeader(CloudEventKafkaCodec.TYPE_HEADER, bytes("com.example.other")));

    RecordEntries.Result result =
        recordEntries.toEntry(record(headers, bytes("{}"), 1), Topics.REGISTRY_PUSHES);

    assertThat(result.failure()).contains("not a Custos event type");
  }

  @Test
  void typeOnWrongTopicFails() {
    OutgoingCloudEvent event = codec.encode(IngestSamples.pushed(1), SOURCE);

    RecordEntries.Result result =
        recordEntries.toEntry(record(event.headers(), event.data(), 1), Topics.ADMISSION_DECISIONS);

    assertThat(result.failure())
        .isEqualTo(
            "event type dev.custos.registry.image.pushed is not published on topic "
                + Topics.ADMISSION_DECISIONS);
  }

  @Test
  void duplicateJsonMemberFails() {
    OutgoingCloudEvent event = codec.encode(IngestSamples.signed(1), SOURCE);
    String json = new String(event.data(), StandardCharsets.UTF_8);
    // The event records reject a repeated known field themselves, but not a repeated unknown one.
    String repeated = json.replaceFirst("\\{", "{\"extra\":1,\"extra\":2,");

    RecordEntries.Result result =
        recordEntries.toEntry(record(event.headers(), bytes(repeated), 1), Topics.SIGNER_OUTCOMES);

    assertThat(result.failure()).contains("Duplicate field 'extra'");
  }

  @Test
  void loneSurrogateInDataFails() {
    OutgoingCloudEvent event = codec.encode(IngestSamples.signed(1), SOURCE);
    String json = new String(event.data(), StandardCharsets.UTF_8);
    byte[] value = json.replace("release-rule", "release\\ud800").getBytes(StandardCharsets.UTF_8);

    RecordEntries.Result result =
        recordEntries.toEntry(record(event.headers(), value, 1), Topics.SIGNER_OUTCOMES);

    assertThat(result.failure()).isNotNull();
    assertThat(result.entry().canonicalBytes()).isNotEmpty();
  }

  @Test
  void occurrenceTombstoneIsSkipped() {
    RecordEntries.Result result =
        recordEntries.toEntry(record(new RecordHeaders(), null, 3), Topics.METADATA_OCCURRENCES);

    assertThat(result.skipped()).isTrue();
  }

  @Test
  void tombstoneElsewhereFails() {
    OutgoingCloudEvent event = codec.encode(IngestSamples.decision(1, true), SOURCE);

    RecordEntries.Result result =
        recordEntries.toEntry(record(event.headers(), null, 3), Topics.ADMISSION_DECISIONS);

    assertThat(result.failure()).contains("tombstone");
    assertThat(result.entry().data().path("value").isNull()).isTrue();
  }

  @Test
  void failedIdDependsOnPositionAndContent() {
    ConsumerRecord<byte[], byte[]> first = record(new RecordHeaders(), bytes("x"), 9);
    ConsumerRecord<byte[], byte[]> again = record(new RecordHeaders(), bytes("x"), 9);
    ConsumerRecord<byte[], byte[]> other = record(new RecordHeaders(), bytes("y"), 9);
    ConsumerRecord<byte[], byte[]> later = record(new RecordHeaders(), bytes("x"), 10);

    String id = RecordEntries.failedEntryId(first);

    assertThat(RecordEntries.failedEntryId(again)).isEqualTo(id);
    assertThat(RecordEntries.failedEntryId(other)).isNotEqualTo(id);
    assertThat(RecordEntries.failedEntryId(later)).isNotEqualTo(id);
  }

  @Test
  void multiImageDecisionHasNoDigest() {
    AdmissionDecided one = IngestSamples.decision(1, true);
    List<ImageDecision> images = new ArrayList<>(one.images());
    images.add(IngestSamples.decision(2, true).images().get(0));
    AdmissionDecided two =
        new AdmissionDecided(
            one.requestUid(),
            one.operation(),
            one.namespace(),
            one.workloadKind(),
            one.workloadName(),
            one.user(),
            images,
            one.allowed(),
            one.reason(),
            one.policyRevision(),
            one.enforcementMode(),
            one.breakglass(),
            one.dryRun());
    OutgoingCloudEvent event = codec.encode(two, SOURCE);

    LogEntry entry =
        recordEntries
            .toEntry(record(event.headers(), event.data(), 1), Topics.ADMISSION_DECISIONS)
            .entry();

    assertThat(entry.subject().digest()).isNull();
    assertThat(entry.subject().image()).isNull();
    assertThat(entry.subject().namespace()).isEqualTo("shop");
  }

  @Test
  void digestReadFromResourceUri() {
    String digest = IngestSamples.digest(3);

    assertThat(EventEntries.digestOf("https://registry.example/app@" + digest)).isEqualTo(digest);
    assertThat(EventEntries.digestOf("https://registry.example/app:1.0")).isNull();
    assertThat(EventEntries.digestOf("https://registry.example/app@sha256:short")).isNull();
  }

  private static void assertFailedEntry(LogEntry entry, byte[] value) {
    assertThat(entry.eventType()).isEqualTo(RecordEntries.INGEST_FAILED_TYPE);
    assertThat(entry.data().path("value").asText())
        .isEqualTo(java.util.Base64.getEncoder().encodeToString(value));
    assertThat(entry.data().path("headers").size()).isGreaterThan(0);
  }

  private static byte[] withExtraField(byte[] json) {
    String text = new String(json, StandardCharsets.UTF_8);
    return ("{\"addedLater\":\"kept\"," + text.substring(1)).getBytes(StandardCharsets.UTF_8);
  }

  private static ConsumerRecord<byte[], byte[]> record(Headers headers, byte[] value, long offset) {
    return new ConsumerRecord<>(
        "t.topic",
        0,
        offset,
        1_700_000_000_000L,
        TimestampType.CREATE_TIME,
        1,
        value == null ? -1 : value.length,
        bytes("key"),
        value,
        headers,
        Optional.empty());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
