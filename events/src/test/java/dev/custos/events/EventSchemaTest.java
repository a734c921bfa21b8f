package dev.custos.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventSchemaTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final EventJson json = new EventJson();

  @ParameterizedTest
  @EnumSource(EventType.class)
  void schemaIdMatchesEventType(EventType type) {
    JsonNode schema = EventSchemas.schemaJson(type);

    assertThat(schema.path("$id").asText()).isEqualTo(type.schemaId());
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void schemaUsesDraft202012(EventType type) {
    JsonNode schema = EventSchemas.schemaJson(type);

    assertThat(schema.path("$schema").asText())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void schemaAllowsAdditionalProperties(EventType type) {
    JsonNode schema = EventSchemas.schemaJson(type);

    assertThat(schema.path("additionalProperties").asBoolean(false)).isTrue();
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void schemaDescribesEveryProperty(EventType type) {
    JsonNode properties = EventSchemas.schemaJson(type).path("properties");

    List<String> undescribed = new ArrayList<>();
    for (Map.Entry<String, JsonNode> property : properties.properties()) {
      if (!property.getValue().hasNonNull("description")) {
        undescribed.add(property.getKey());
      }
    }

    assertThat(undescribed).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void sampleUsesOnlyDeclaredProperties(EventType type) throws IOException {
    JsonNode written = MAPPER.readTree(json.write(EventSamples.sample(type)));

    List<String> undeclared = new ArrayList<>();
    collectUndeclared(written, EventSchemas.schemaJson(type), "$", undeclared);

    assertThat(undeclared).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("dev.custos.events.EventSchemas#requiredFields")
  void schemaRejectsMissingRequiredField(EventType type, String field) throws IOException {
    ObjectNode document = (ObjectNode) MAPPER.readTree(json.write(EventSamples.sample(type)));
    document.remove(field);

    assertThat(EventSchemas.validate(type, document))
        .extracting(message -> message.getMessage())
        .anySatisfy(message -> assertThat(message).contains(field));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sha256:9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08",
        "sha256:9f86d081",
        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "sha512:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "sha256:"
      })
  void schemaRejectsInvalidDigest(String digest) throws IOException {
    ObjectNode document =
        (ObjectNode) MAPPER.readTree(json.write(EventSamples.sample(EventType.IMAGE_SIGNED)));
    document.put("digest", digest);

    assertThat(EventSchemas.validate(EventType.IMAGE_SIGNED, document)).isNotEmpty();
  }

  @Test
  void schemaAcceptsUnregisteredDigestAlgorithm() throws IOException {
    ObjectNode document =
        (ObjectNode) MAPPER.readTree(json.write(EventSamples.sample(EventType.IMAGE_SIGNED)));
    document.put("digest", "multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8");

    assertThat(EventSchemas.validate(EventType.IMAGE_SIGNED, document)).isEmpty();
  }

  @Test
  void schemaRejectsInvalidTimestamp() throws IOException {
    ObjectNode document =
        (ObjectNode) MAPPER.readTree(json.write(EventSamples.sample(EventType.IMAGE_PUSHED)));
    document.put("pushedAt", "yesterday");

    assertThat(EventSchemas.validate(EventType.IMAGE_PUSHED, document)).isNotEmpty();
  }

  @Test
  void schemaRejectsEmptyRefusalReasons() throws IOException {
    ObjectNode document =
        (ObjectNode) MAPPER.readTree(json.write(EventSamples.sample(EventType.SIGNING_REFUSED)));
    document.putArray("reasons");

    assertThat(EventSchemas.validate(EventType.SIGNING_REFUSED, document)).isNotEmpty();
  }

  @Test
  void schemaRejectsUnknownVerdict() throws IOException {
    ObjectNode document =
        (ObjectNode) MAPPER.readTree(json.write(EventSamples.sample(EventType.ADMISSION_DECIDED)));
    ((ObjectNode) document.get("images").get(0)).put("verdict", "MAYBE");

    assertThat(EventSchemas.validate(EventType.ADMISSION_DECIDED, document)).isNotEmpty();
  }

  @Test
  void schemaRejectsBlankText() throws IOException {
    ObjectNode document =
        (ObjectNode) MAPPER.readTree(json.write(EventSamples.sample(EventType.IMAGE_PUSHED)));
    document.put("repository", "  ");

    assertThat(EventSchemas.validate(EventType.IMAGE_PUSHED, document)).isNotEmpty();
  }

  /** Adds the path of every object field in {@code data} that {@code schema} does not declare. */
  private static void collectUndeclared(
      JsonNode data, JsonNode schema, String path, List<String> undeclared) {
    JsonNode properties = schema.path("properties");
    if (data.isObject() && properties.isObject()) {
      for (Map.Entry<String, JsonNode> field : data.properties()) {
        String name = field.getKey();
        if (properties.has(name)) {
          collectUndeclared(field.getValue(), properties.get(name), path + "." + name, undeclared);
        } else {
          undeclared.add(path + "." + name);
        }
      }
    } else if (data.isArray() && schema.path("items").isObject()) {
      for (int i = 0; i < data.size(); i++) {
        collectUndeclared(data.get(i), schema.get("items"), path + "[" + i + "]", undeclared);
      }
    }
  }
}
