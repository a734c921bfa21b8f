package dev.custos.audit.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.audit.entry.LogEntry;
import dev.custos.events.EventFormatException;
import dev.custos.events.EventType;
import dev.custos.events.Topics;
import dev.custos.events.cloudevents.CloudEventAttributes;
import dev.custos.events.cloudevents.CloudEventKafkaCodec;
import dev.custos.events.cloudevents.ReceivedCloudEvent;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Turns consumed records into log entries. A record that is a valid Custos event of a type that its
 * topic carries becomes an entry of that event. Any other record becomes an "ingest failed" entry
 * with the raw record and the error, except a tombstone on {@code metadata.occurrences}, which is
 * skipped.
 */
final class RecordEntries {
  /** Event type of the entries for records that the service cannot read. */
  static final String INGEST_FAILED_TYPE = "dev.custos.audit.ingest.failed";

  /** CloudEvents source of the "ingest failed" entries. */
  static final URI SOURCE = URI.create("/custos/audit-service");

  private static final Base64.Encoder BASE64 = Base64.getEncoder();

  private final CloudEventKafkaCodec codec = new CloudEventKafkaCodec();
  private final ObjectMapper treeReader =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  /**
   * The entry of one record.
   *
   * @param entry the entry to append, or {@code null} when the record is skipped
   * @param failure the error when {@code entry} is an "ingest failed" entry, or {@code null}
   */
  record Result(LogEntry entry, String failure) {
    boolean skipped() {
      return entry == null;
    }
  }

  /**
   * Returns the entry of a record.
   *
   * @param topic the record's topic without the deployment's prefix
   */
  Result toEntry(ConsumerRecord<byte[], byte[]> record, String topic) {
    if (CloudEventKafkaCodec.isTombstone(record.value())
        && topic.equals(Topics.METADATA_OCCURRENCES)) {
      // The occurrence.deleted event before the tombstone is the entry of the deletion.
      return new Result(null, null);
    }
    try {
      return new Result(eventEntry(record, topic), null);
    } catch (EventFormatException | IOException | IllegalArgumentException e) {
      String error = withoutLoneSurrogates(e.getMessage() == null ? e.toString() : e.getMessage());
      return new Result(failedEntry(record, topic, error), error);
    }
  }

  private LogEntry eventEntry(ConsumerRecord<byte[], byte[]> record, String topic)
      throws IOException {
    CloudEventAttributes attributes = codec.readAttributes(record.headers());
    EventType type = attributes.type();
    if (!type.topics().contains(topic)) {
      throw new IllegalArgumentException(
          "event type " + type.type() + " is not published on topic " + topic);
    }
    ReceivedCloudEvent event = codec.decode(record.headers(), record.value());
    // The entry keeps the data as sent, with fields that this version's records do not know.
    JsonNode data = treeReader.readTree(record.value());

    LogEntry entry =
        EventEntries.describe(event.data(), LogEntry.builder(attributes)).data(data).build();
    // Fails here, for this record alone, on data that RFC 8785 cannot encode (numbers beyond
    // 2^53, lone surrogates), instead of failing the whole append.
    entry.canonicalBytes();
    return entry;
  }

  /**
   * Returns the "ingest failed" entry of a record. Its id is a name-based UUID of the record's
   * position and a hash of its contents, so a redelivered record gets the same id, and a different
   * record at the same offset of a recreated topic a new one.
   */
  static LogEntry failedEntry(ConsumerRecord<byte[], byte[]> record, String topic, String error) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode data = json.objectNode();
    data.put("topic", record.topic());
    data.put("partition", record.partition());
    data.put("offset", record.offset());
    putBase64(data, "key", record.key());
    putBase64(data, "value", record.value());
    ArrayNode headers = data.putArray("headers");
    for (Header header : record.headers()) {
      ObjectNode item = headers.addObject();
      item.put("name", withoutLoneSurrogates(header.key()));
      putBase64(item, "value", header.value());
    }
    data.put("error", error);

    return LogEntry.builder()
        .eventId(failedEntryId(record))
        .eventType(INGEST_FAILED_TYPE)
        .source(SOURCE.toString())
        .time(record.timestamp() >= 0 ? Instant.ofEpochMilli(record.timestamp()) : null)
        .reason(error)
        .data(data)
        .build();
  }

  static String failedEntryId(ConsumerRecord<byte[], byte[]> record) {
    String name =
        "ingest-failed/"
            + record.topic()
            + "/"
            + record.partition()
            + "/"
            + record.offset()
            + "/"
            + contentHash(record);
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static String contentHash(ConsumerRecord<byte[], byte[]> record) {
    MessageDigest sha256 = sha256();
    update(sha256, record.key());
    update(sha256, record.value());
    for (Header header : record.headers()) {
      update(sha256, header.key().getBytes(StandardCharsets.UTF_8));
      update(sha256, header.value());
    }
    return BASE64.encodeToString(sha256.digest());
  }

  /** Hashes a length prefix before the bytes, so that no two sequences of fields collide. */
  private static void update(MessageDigest sha256, byte[] bytes) {
    int length = bytes == null ? -1 : bytes.length;
    sha256.update(
        new byte[] {
          (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length
        });
    if (bytes != null) {
      sha256.update(bytes);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }

  private static void putBase64(ObjectNode object, String name, byte[] bytes) {
    if (bytes == null) {
      object.putNull(name);
    } else {
      object.put(name, BASE64.encodeToString(bytes));
    }
  }

  /** Replaces unpaired surrogates, which RFC 8785 cannot encode, with U+FFFD. */
  static String withoutLoneSurrogates(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        out.append('\uFFFD');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
