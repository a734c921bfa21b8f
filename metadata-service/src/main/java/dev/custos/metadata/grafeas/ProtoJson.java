package dev.custos.metadata.grafeas;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.ListValue;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.StringValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import dev.custos.metadata.api.InvalidArgumentException;
import dev.custos.metadata.api.StoredText;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads and writes Grafeas v1 messages in the JSON that the Grafeas REST gateway uses, through
 * protobuf's {@link JsonFormat}: camelCase field names, enum names, base64 bytes, RFC 3339
 * timestamps. Requests go through a Jackson tree first, so that the 2017 request shape can be
 * rewritten before protobuf parses it.
 */
public final class ProtoJson {
  /**
   * Types that a {@code google.protobuf.Any} field may contain, such as the in-toto and SLSA recipe
   * {@code arguments} and {@code environment}: the JSON-shaped well-known types. An Any of another
   * type is rejected with 400, since the server could not print it back.
   */
  private static final JsonFormat.TypeRegistry ANY_TYPES =
      JsonFormat.TypeRegistry.newBuilder()
          .add(Struct.getDescriptor())
          .add(Value.getDescriptor())
          .add(ListValue.getDescriptor())
          .add(StringValue.getDescriptor())
          .build();

  /** Rejects unknown fields, since {@code ignoringUnknownFields()} is not set. */
  private static final JsonFormat.Parser PARSER = JsonFormat.parser().usingTypeRegistry(ANY_TYPES);

  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().usingTypeRegistry(ANY_TYPES).omittingInsignificantWhitespace();

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private ProtoJson() {}

  /**
   * Parses a request body as a JSON object.
   *
   * @param resourceType the resource the body describes, such as {@code note}, for error messages
   * @throws InvalidArgumentException if the body is empty, not JSON or not an object
   */
  public static ObjectNode readObject(String body, String resourceType) {
    if (body == null || body.isBlank()) {
      throw new InvalidArgumentException("The request body is required: a JSON " + resourceType);
    }

    JsonNode tree;
    try {
      tree = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidArgumentException(
          "The request body is not valid JSON: " + e.getOriginalMessage());
    }
    if (!tree.isObject()) {
      throw new InvalidArgumentException(
          "The request body must be a JSON "
              + resourceType
              + " object, but is "
              + tree.getNodeType());
    }

    requireStorableText(tree, "");

    return (ObjectNode) tree;
  }

  /**
   * Rejects a field name or string value that contains a character PostgreSQL cannot store (see
   * {@link StoredText}), and names its JSON path, such as {@code
   * attestation.signatures[0].publicKeyId}.
   */
  private static void requireStorableText(JsonNode node, String path) {
    if (node.isTextual()) {
      requireStorable(node.textValue(), path.isEmpty() ? "the request body" : path);
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        requireStorableText(node.get(i), path + "[" + i + "]");
      }
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        requireStorable(field.getKey(), "the field name " + fieldPath);
        requireStorableText(field.getValue(), fieldPath);
      }
    }
  }

  private static void requireStorable(String text, String location) {
    int index = StoredText.firstInvalidIndex(text);
    if (index >= 0) {
      throw new InvalidArgumentException(
          "Invalid "
              + location
              + ": it contains "
              + StoredText.describe(text, index)
              + " at character "
              + (index + 1)
              + ", which cannot be stored. Remove it, or encode binary data as base64");
    }
  }

  /**
   * Merges {@code json} into {@code builder}.
   *
   * @throws InvalidArgumentException naming the unknown or invalid field
   */
  public static <B extends Message.Builder> B merge(
      ObjectNode json, B builder, String resourceType) {
    requireStringsAreStrings(json, builder.getDescriptorForType(), "", resourceType);
    try {
      PARSER.merge(json.toString(), builder);
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidArgumentException("Invalid " + resourceType + ": " + e.getMessage());
    }

    return builder;
  }

  /**
   * Rejects a JSON number or boolean given for a string field, which {@link JsonFormat} would
   * otherwise store as its text. Unknown fields are left to the parser, which names them.
   */
  private static void requireStringsAreStrings(
      ObjectNode json, Descriptors.Descriptor type, String path, String resourceType) {
    for (Iterator<Map.Entry<String, JsonNode>> fields = json.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = fields.next();
      Descriptors.FieldDescriptor field = findField(type, entry.getKey());
      JsonNode value = entry.getValue();
      if (field == null || value.isNull()) {
        continue;
      }

      String fieldPath = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
      if (field.isMapField()) {
        Descriptors.FieldDescriptor mapValue = field.getMessageType().findFieldByName("value");
        for (Iterator<Map.Entry<String, JsonNode>> items = value.fields(); items.hasNext(); ) {
          Map.Entry<String, JsonNode> item = items.next();
          requireValueType(
              mapValue, item.getValue(), fieldPath + "[\"" + item.getKey() + "\"]", resourceType);
        }
      } else if (field.isRepeated() && value.isArray()) {
        for (int i = 0; i < value.size(); i++) {
          requireValueType(field, value.get(i), fieldPath + "[" + i + "]", resourceType);
        }
      } else {
        requireValueType(field, value, fieldPath, resourceType);
      }
    }
  }

  private static void requireValueType(
      Descriptors.FieldDescriptor field, JsonNode value, String path, String resourceType) {
    if (field.getJavaType() == Descriptors.FieldDescriptor.JavaType.STRING
        && (value.isNumber() || value.isBoolean())) {
      throw new InvalidArgumentException(
          "Invalid "
              + resourceType
              + ": "
              + path
              + " must be a JSON string, but is "
              + value.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)
              + " "
              + value
              + ". Quote the value");
    }
    boolean wellKnown =
        field.getJavaType() == Descriptors.FieldDescriptor.JavaType.MESSAGE
            && field.getMessageType().getFullName().startsWith("google.protobuf.");
    if (field.getJavaType() == Descriptors.FieldDescriptor.JavaType.MESSAGE
        && !wellKnown
        && value.isObject()) {
      requireStringsAreStrings((ObjectNode) value, field.getMessageType(), path, resourceType);
    }
  }

  /** Finds a field by its JSON name or its proto name, as {@link JsonFormat} accepts both. */
  private static Descriptors.FieldDescriptor findField(Descriptors.Descriptor type, String name) {
    for (Descriptors.FieldDescriptor field : type.getFields()) {
      if (field.getJsonName().equals(name) || field.getName().equals(name)) {
        return field;
      }
    }

    return null;
  }

  /**
   * Parses JSON that this service stored itself. PostgreSQL's JSONB reorders the keys, so stored
   * JSON is parsed and printed again rather than returned as read.
   *
   * @throws IllegalStateException if the stored JSON does not parse, which is a server fault
   */
  public static <B extends Message.Builder> B mergeStored(String json, B builder) {
    try {
      PARSER.merge(json, builder);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(
          "Stored " + builder.getDescriptorForType().getFullName() + " does not parse", e);
    }

    return builder;
  }

  /** Renders a message as compact Grafeas REST JSON. */
  public static String print(MessageOrBuilder message) {
    try {
      return PRINTER.print(message);
    } catch (InvalidProtocolBufferException e) {
      // Only an Any of a type outside ANY_TYPES fails, and the parser rejects those on input.
      throw new IllegalStateException("Cannot render " + message.getClass().getName(), e);
    }
  }

  /** Renders a message as a Jackson tree, for event payloads. */
  public static JsonNode printTree(MessageOrBuilder message) {
    try {
      return MAPPER.readTree(print(message));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("JsonFormat output is not JSON", e);
    }
  }
}
