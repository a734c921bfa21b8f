package dev.custos.signer.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custos.events.image.Digest;
import dev.custos.events.image.InvalidImageReferenceException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Readers of webhook JSON fields that raise {@link InvalidWebhookPayloadException} with the JSON
 * path of the field at fault.
 */
final class JsonFields {
  private JsonFields() {}

  static String path(String parentPath, String field) {
    return parentPath.isEmpty() ? field : parentPath + "." + field;
  }

  static String path(String arrayPath, int index) {
    return arrayPath + "[" + index + "]";
  }

  static JsonNode requireObject(JsonNode node, String path) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      throw missing(path);
    }
    if (!node.isObject()) {
      throw wrongType(node, "an object", path);
    }
    return node;
  }

  static JsonNode requiredObject(JsonNode parent, String field, String parentPath) {
    return requireObject(parent.get(field), path(parentPath, field));
  }

  /** Returns the object, or null when the field is absent or JSON null. */
  static JsonNode optionalObject(JsonNode parent, String field, String parentPath) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    return requireObject(node, path(parentPath, field));
  }

  static JsonNode requiredArray(JsonNode parent, String field, String parentPath) {
    JsonNode node = parent.get(field);
    String path = path(parentPath, field);
    if (node == null || node.isNull()) {
      throw missing(path);
    }
    if (!node.isArray()) {
      throw wrongType(node, "an array", path);
    }
    return node;
  }

  /** Returns the array, or null when the field is absent or JSON null. */
  static JsonNode optionalArray(JsonNode parent, String field, String parentPath) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    return requiredArray(parent, field, parentPath);
  }

  static String requiredText(JsonNode parent, String field, String parentPath) {
    String value = optionalText(parent, field, parentPath);
    if (value == null) {
      throw missing(path(parentPath, field));
    }
    return value;
  }

  /** Returns the string, or null when the field is absent, JSON null or blank. */
  static String optionalText(JsonNode parent, String field, String parentPath) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw wrongType(node, "a string", path(parentPath, field));
    }
    String value = node.textValue();
    return value.isBlank() ? null : value;
  }

  /** Returns the integer at {@code field}, which must be zero or more. */
  static long requiredNonNegativeLong(JsonNode parent, String field, String parentPath) {
    JsonNode node = parent.get(field);
    String path = path(parentPath, field);
    if (node == null || node.isNull()) {
      throw missing(path);
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw new InvalidWebhookPayloadException(path, "expected an integer, got " + describe(node));
    }
    long value = node.longValue();
    if (value < 0) {
      throw new InvalidWebhookPayloadException(path, "must not be negative, got " + value);
    }
    return value;
  }

  static Digest requiredDigest(JsonNode parent, String field, String parentPath) {
    String value = requiredText(parent, field, parentPath);
    try {
      return Digest.parse(value);
    } catch (InvalidImageReferenceException e) {
      throw new InvalidWebhookPayloadException(path(parentPath, field), e.getMessage(), e);
    }
  }

  /** Reads an RFC 3339 timestamp, such as {@code 2026-12-04T14:30:47.918353562Z}. */
  static Instant requiredTimestamp(JsonNode parent, String field, String parentPath) {
    String value = requiredText(parent, field, parentPath);
    try {
      return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidWebhookPayloadException(
          path(parentPath, field),
          "invalid timestamp \"" + value + "\": expected RFC 3339, such as 2026-12-04T14:30:47Z",
          e);
    }
  }

  static InvalidWebhookPayloadException missing(String path) {
    return new InvalidWebhookPayloadException(path, "missing");
  }

  private static InvalidWebhookPayloadException wrongType(
      JsonNode node, String expected, String path) {
    return new InvalidWebhookPayloadException(
        path, "expected " + expected + ", got " + describe(node));
  }

  private static String describe(JsonNode node) {
    return node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + abbreviate(node.toString());
  }

  private static String abbreviate(String json) {
    int maxLength = 80;
    return json.length() <= maxLength ? json : json.substring(0, maxLength) + "...";
  }
}
