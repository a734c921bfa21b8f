package dev.custos.events.cloudevents;

import dev.custos.events.CustosEvent;
import dev.custos.events.EventFormatException;
import dev.custos.events.EventJson;
import dev.custos.events.EventType;
import dev.custos.events.Require;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The CloudEvents 1.0 Kafka protocol binding in binary mode, which every Custos service uses to
 * produce and consume events. The context attributes travel as {@code ce_*} headers, the data as
 * the record value in JSON, and the header values as UTF-8 bytes.
 *
 * <p>Decoding is in two steps, so that a consumer that cannot decode the data, such as the audit
 * service, can still read the attributes with {@link #readAttributes} and keep the raw value.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class CloudEventKafkaCodec {
  public static final String SPEC_VERSION = "1.0";
  public static final String CONTENT_TYPE = "application/json";

  public static final String SPEC_VERSION_HEADER = "ce_specversion";
  public static final String ID_HEADER = "ce_id";
  public static final String TYPE_HEADER = "ce_type";
  public static final String SOURCE_HEADER = "ce_source";
  public static final String TIME_HEADER = "ce_time";
  public static final String SUBJECT_HEADER = "ce_subject";
  public static final String CONTENT_TYPE_HEADER = "content-type";

  /**
   * RFC 3339 allows a lower-case {@code t} and {@code z}, which {@code ISO_OFFSET_DATE_TIME} alone
   * rejects.
   */
  private static final DateTimeFormatter RFC_3339 =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
          .toFormatter(Locale.ROOT);

  private static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json";

  private final EventJson json;
  private final Clock clock;

  /** Creates a codec with the standard {@link EventJson} and the system clock in UTC. */
  public CloudEventKafkaCodec() {
    this(new EventJson(), Clock.systemUTC());
  }

  /** Creates a codec with the given JSON codec and the clock that stamps {@code ce_time}. */
  public CloudEventKafkaCodec(EventJson json, Clock clock) {
    this.json = Require.present(json, "json");
    this.clock = Require.present(clock, "clock");
  }

  /** Returns whether a record value is a tombstone (null), which carries no event to decode. */
  public static boolean isTombstone(byte[] value) {
    return value == null;
  }

  /** Encodes an event with a random UUID as id, the current time and no subject. */
  public OutgoingCloudEvent encode(CustosEvent event, URI source) {
    return encode(event, source, null);
  }

  /**
   * Encodes an event with a random UUID as id and the current time.
   *
   * @param subject the {@code ce_subject} header, or {@code null} to leave it out
   */
  public OutgoingCloudEvent encode(CustosEvent event, URI source, String subject) {
    return encode(event, source, subject, UUID.randomUUID().toString(), clock.instant());
  }

  /**
   * Encodes an event with the given id and time, for a producer that must send the same id again
   * when it retries, such as an outbox relay.
   *
   * @param subject the {@code ce_subject} header, or {@code null} to leave it out
   * @throws EventFormatException if the record cannot be serialized
   * @throws IllegalArgumentException if an attribute is blank or the record is not listed in {@link
   *     EventType}
   */
  public OutgoingCloudEvent encode(
      CustosEvent event, URI source, String subject, String id, Instant time) {
    EventType type = EventType.of(event);
    CloudEventAttributes attributes = new CloudEventAttributes(id, type, source, time, subject);
    byte[] data = json.write(event);

    return new OutgoingCloudEvent(
        attributes, event, EventType.topicsFor(event), toHeaders(attributes), data);
  }

  /**
   * Decodes a Kafka record into its attributes and event record.
   *
   * @throws CloudEventHeaderException if a header is missing, repeated or invalid
   * @throws EventFormatException if the value is a tombstone or not valid data of the event type
   */
  public ReceivedCloudEvent decode(Headers headers, byte[] value) {
    CloudEventAttributes attributes = readAttributes(headers);
    if (isTombstone(value)) {
      throw new EventFormatException(
          attributes.type().type(),
          "Record value of event "
              + attributes.id()
              + " is null, which is a tombstone; check isTombstone before decoding",
          null);
    }

    return new ReceivedCloudEvent(attributes, json.read(attributes.type(), value));
  }

  /**
   * Reads the context attributes from the headers of a Kafka record without decoding its value.
   *
   * @throws CloudEventHeaderException if a header is missing, repeated or invalid, if {@code
   *     ce_specversion} is not {@code 1.0}, if {@code ce_type} is not a Custos event type, or if
   *     {@code content-type} is present and not {@code application/json}
   */
  public CloudEventAttributes readAttributes(Headers headers) {
    Require.present(headers, "headers");

    String specVersion = requireHeader(headers, SPEC_VERSION_HEADER, null);
    if (!SPEC_VERSION.equals(specVersion)) {
      throw new CloudEventHeaderException(
          SPEC_VERSION_HEADER,
          null,
          "Header "
              + SPEC_VERSION_HEADER
              + " is '"
              + specVersion
              + "', but only CloudEvents "
              + SPEC_VERSION
              + " is supported",
          null);
    }

    EventType type = readType(headers);
    String typeName = type.type();
    String id = requireHeader(headers, ID_HEADER, typeName);
    URI source = readSource(headers, typeName);
    Instant time = readTime(headers, typeName);
    String subject = readOptionalHeader(headers, SUBJECT_HEADER, typeName);
    checkContentType(headers, typeName);

    return new CloudEventAttributes(id, type, source, time, subject);
  }

  private static Header[] toHeaders(CloudEventAttributes attributes) {
    List<Header> headers = new ArrayList<>(7);
    headers.add(header(SPEC_VERSION_HEADER, SPEC_VERSION));
    headers.add(header(ID_HEADER, attributes.id()));
    headers.add(header(TYPE_HEADER, attributes.type().type()));
    headers.add(header(SOURCE_HEADER, attributes.source().toString()));
    headers.add(header(TIME_HEADER, DateTimeFormatter.ISO_INSTANT.format(attributes.time())));
    if (attributes.subject() != null) {
      headers.add(header(SUBJECT_HEADER, attributes.subject()));
    }
    headers.add(header(CONTENT_TYPE_HEADER, CONTENT_TYPE));

    return headers.toArray(Header[]::new);
  }

  private static Header header(String name, String value) {
    return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
  }

  private static EventType readType(Headers headers) {
    String type = requireHeader(headers, TYPE_HEADER, null);

    return EventType.fromType(type)
        .orElseThrow(
            () ->
                new CloudEventHeaderException(
                    TYPE_HEADER,
                    null,
                    "Header "
                        + TYPE_HEADER
                        + " is '"
                        + type
                        + "', which is not a Custos event type; a newer producer may have sent"
                        + " it, so dead-letter the record or upgrade the consumer",
                    null));
  }

  private static URI readSource(Headers headers, String eventType) {
    String source = requireHeader(headers, SOURCE_HEADER, eventType);
    try {
      return new URI(source);
    } catch (URISyntaxException e) {
      throw new CloudEventHeaderException(
          SOURCE_HEADER,
          eventType,
          "Header " + SOURCE_HEADER + " is not a valid URI reference: '" + source + "'",
          e);
    }
  }

  private static Instant readTime(Headers headers, String eventType) {
    String time = requireHeader(headers, TIME_HEADER, eventType);
    try {
      return OffsetDateTime.parse(time, RFC_3339).toInstant();
    } catch (DateTimeParseException e) {
      throw new CloudEventHeaderException(
          TIME_HEADER,
          eventType,
          "Header "
              + TIME_HEADER
              + " is not an RFC 3339 timestamp such as 2025-03-04T10:15:30Z: '"
              + time
              + "'",
          e);
    }
  }

  private static void checkContentType(Headers headers, String eventType) {
    String contentType = readOptionalHeader(headers, CONTENT_TYPE_HEADER, eventType);
    if (contentType == null) {
      // The header is optional in the CloudEvents Kafka binding, and Custos data is always JSON.
      return;
    }

    String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (mediaType.equals(CONTENT_TYPE)) {
      return;
    }

    String hint =
        mediaType.equals(STRUCTURED_CONTENT_TYPE)
            ? "; structured-mode CloudEvents are not supported, send binary mode"
            : "";
    throw new CloudEventHeaderException(
        CONTENT_TYPE_HEADER,
        eventType,
        "Header "
            + CONTENT_TYPE_HEADER
            + " is '"
            + contentType
            + "', but Custos event data must be "
            + CONTENT_TYPE
            + hint,
        null);
  }

  private static String requireHeader(Headers headers, String name, String eventType) {
    String value = readOptionalHeader(headers, name, eventType);
    if (value == null) {
      throw new CloudEventHeaderException(name, eventType, "Header " + name + " is missing", null);
    }

    return value;
  }

  /** Returns the header's value, or null when it is absent. A blank value is an error. */
  private static String readOptionalHeader(Headers headers, String name, String eventType) {
    String value = readHeader(headers, name, eventType);
    if (value != null && value.isBlank()) {
      throw new CloudEventHeaderException(name, eventType, "Header " + name + " is empty", null);
    }

    return value;
  }

  /** Returns the header's value, or null when it is absent. A repeated header is an error. */
  private static String readHeader(Headers headers, String name, String eventType) {
    Header found = null;
    for (Header header : headers.headers(name)) {
      if (found != null) {
        throw new CloudEventHeaderException(
            name,
            eventType,
            "Header " + name + " appears more than once, so its value is ambiguous",
            null);
      }
      found = header;
    }

    if (found == null) {
      return null;
    }
    if (found.value() == null) {
      throw new CloudEventHeaderException(
          name, eventType, "Header " + name + " has a null value", null);
    }

    return decodeUtf8(name, eventType, found.value());
  }

  private static String decodeUtf8(String name, String eventType, byte[] value) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(value))
          .toString();
    } catch (CharacterCodingException e) {
      throw new CloudEventHeaderException(
          name, eventType, "Header " + name + " is not valid UTF-8", e);
    }
  }
}
