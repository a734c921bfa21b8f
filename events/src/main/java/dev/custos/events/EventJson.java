package dev.custos.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * The JSON codec of the event records, which every producer and consumer shares so that they agree
 * on the wire form:
 *
 * <ul>
 *   <li>instants are ISO-8601 strings in UTC, such as {@code 2025-03-04T10:15:30.123Z};
 *   <li>an absent optional field is left out, never written as {@code null};
 *   <li>unknown fields are ignored on read, so that a newer producer's extra fields do not break an
 *       older consumer, and an unknown Grafeas occurrence kind reads as {@code
 *       NOTE_KIND_UNSPECIFIED};
 *   <li>a missing required field, a wrong JSON type and trailing data after the document are
 *       errors.
 * </ul>
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class EventJson {
  private static final JsonSetter.Value NULLS_FAIL = JsonSetter.Value.forValueNulls(Nulls.FAIL);

  private final ObjectMapper mapper;

  public EventJson() {
    this.mapper =
        JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .defaultPropertyInclusion(
                JsonInclude.Value.construct(
                    JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
            // A primitive field (size, allowed, leafIndex) that is missing or null is an error,
            // reported as InvalidNullException with the property name, instead of reading as 0.
            .withConfigOverride(long.class, override -> override.setSetterInfo(NULLS_FAIL))
            .withConfigOverride(boolean.class, override -> override.setSetterInfo(NULLS_FAIL))
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Without this, "size": "12" would read as 12 although the schema requires a number.
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();
  }

  /**
   * Encodes an event record as UTF-8 JSON.
   *
   * @throws EventFormatException if Jackson cannot serialize the record
   */
  public byte[] write(CustosEvent event) {
    EventType eventType = EventType.of(event);
    try {
      return mapper.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new EventFormatException(
          eventType.type(),
          "Cannot encode " + eventType.type() + " event: " + e.getOriginalMessage(),
          e);
    }
  }

  /**
   * Decodes UTF-8 JSON as the record of {@code eventType}.
   *
   * @throws EventFormatException if the data is empty, is not JSON, or does not form a valid
   *     record. The message names the event type and the field concerned.
   */
  public CustosEvent read(EventType eventType, byte[] data) {
    Require.present(eventType, "eventType");
    if (data == null || data.length == 0) {
      throw invalid(eventType, "data is empty", null);
    }

    CustosEvent event;
    try {
      event = mapper.readValue(data, eventType.eventClass());
    } catch (StreamReadException e) {
      throw invalid(eventType, "data is not valid JSON: " + describe(e), e);
    } catch (ValueInstantiationException e) {
      throw invalid(eventType, describeRejectedValue(e), e);
    } catch (InvalidNullException e) {
      throw invalid(eventType, describeMissingValue(e), e);
    } catch (JsonMappingException e) {
      throw invalid(eventType, describeMismatch(e, data), e);
    } catch (IOException e) {
      throw invalid(eventType, "data cannot be read: " + e.getMessage(), e);
    }
    if (event == null) {
      throw invalid(eventType, "data is the JSON literal null; expected an object", null);
    }
    return event;
  }

  /**
   * Decodes UTF-8 JSON as a record of the given class.
   *
   * @throws EventFormatException as {@link #read(EventType, byte[])} does
   * @throws IllegalArgumentException if the class is not listed in {@link EventType}
   */
  public <T extends CustosEvent> T read(Class<T> eventClass, byte[] data) {
    EventType eventType = EventType.forClass(eventClass);

    return eventClass.cast(read(eventType, data));
  }

  private static EventFormatException invalid(
      EventType eventType, String problem, Throwable cause) {
    return new EventFormatException(
        eventType.type(), "Invalid " + eventType.type() + " event: " + problem, cause);
  }

  /** Describes a syntax error with its position, since the JSON has no field path yet. */
  private static String describe(StreamReadException e) {
    JsonLocation location = e.getLocation();
    if (location == null) {
      return e.getOriginalMessage();
    }

    return e.getOriginalMessage()
        + " at line "
        + location.getLineNr()
        + ", column "
        + location.getColumnNr();
  }

  /**
   * Describes a value that a record constructor rejected. The constructor's own message already
   * names the field, so it replaces Jackson's longer wrapper message.
   */
  private static String describeRejectedValue(ValueInstantiationException e) {
    Throwable cause = e.getCause();
    String problem =
        cause instanceof IllegalArgumentException || cause instanceof NullPointerException
            ? cause.getMessage()
            : e.getOriginalMessage();

    return problem + at(e);
  }

  /** Describes a value of the wrong JSON type, or a document that is not a JSON object. */
  private static String describeMismatch(JsonMappingException e, byte[] data) {
    if (e.getPath().isEmpty() && !startsWithObject(data)) {
      return "data must be a JSON object: " + e.getOriginalMessage();
    }

    return e.getOriginalMessage() + at(e);
  }

  /** Returns whether the first byte after JSON whitespace is the start of an object. */
  private static boolean startsWithObject(byte[] data) {
    for (byte b : data) {
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return b == '{';
      }
    }

    return false;
  }

  /** Describes a missing or null primitive, such as {@code size is required}. */
  private static String describeMissingValue(InvalidNullException e) {
    String path = jsonPath(e);
    String field = path.startsWith("$.") ? path.substring(2) : e.getPropertyName().getSimpleName();

    return field + " is required";
  }

  /** Returns {@code " at <path>"} for a value inside the document, or "" for the document. */
  private static String at(JsonMappingException e) {
    return e.getPath().isEmpty() ? "" : " at " + jsonPath(e);
  }

  /** Returns the JSON path of the value that failed, such as {@code $.images[0].verdict}. */
  private static String jsonPath(JsonMappingException e) {
    StringBuilder path = new StringBuilder("$");
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        path.append('.').append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }

    return path.toString();
  }
}
