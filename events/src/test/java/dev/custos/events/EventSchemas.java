package dev.custos.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Loads the published JSON Schemas from the class path and validates documents against them. */
public final class EventSchemas {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  // Draft 2020-12 treats "format" as an annotation unless assertions are switched on.
  private static final SchemaValidatorsConfig CONFIG =
      SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
  private static final Map<EventType, JsonSchema> SCHEMAS = new EnumMap<>(EventType.class);

  private EventSchemas() {}

  /** Returns the schema document as JSON. */
  public static JsonNode schemaJson(EventType type) {
    try (InputStream in = open(type)) {
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the validation errors of {@code document}; empty when it is valid. */
  public static Set<ValidationMessage> validate(EventType type, JsonNode document) {
    return schema(type).validate(document);
  }

  /** Returns one argument pair (type, field) for each required top-level field of each schema. */
  public static Stream<Arguments> requiredFields() {
    List<Arguments> arguments = new ArrayList<>();
    for (EventType type : EventType.values()) {
      for (JsonNode field : schemaJson(type).path("required")) {
        arguments.add(Arguments.of(type, field.asText()));
      }
    }

    return arguments.stream();
  }

  private static synchronized JsonSchema schema(EventType type) {
    return SCHEMAS.computeIfAbsent(
        type,
        key -> {
          try (InputStream in = open(key)) {
            return FACTORY.getSchema(in, CONFIG);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private static InputStream open(EventType type) {
    InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(type.schemaResource());
    if (in == null) {
      throw new IllegalStateException("Schema resource not found: " + type.schemaResource());
    }

    return in;
  }
}
