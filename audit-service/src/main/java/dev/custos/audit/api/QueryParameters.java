package dev.custos.audit.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Parsing of query parameters, rejecting bad values with a 400 that names the parameter. */
final class QueryParameters {
  /** Maximum length of a text filter, well above any image reference or namespace. */
  static final int MAX_TEXT_LENGTH = 1024;

  private QueryParameters() {}

  /** Parses a required non-negative decimal integer. */
  static long nonNegative(String name, String value) {
    if (value == null || value.isEmpty()) {
      throw ApiException.invalidParameter(name, "the query parameter " + name + " is missing");
    }
    if (!value.matches("[0-9]{1,18}")) {
      throw ApiException.invalidParameter(
          name, name + " must be a non-negative decimal integer, but is '" + value + "'");
    }
    return Long.parseLong(value);
  }

  /** Parses an optional integer from {@code min} to {@code max}, or returns the default. */
  static int bounded(String name, String value, int min, int max, int defaultValue) {
    if (value == null) {
      return defaultValue;
    }
    if (!value.matches("[0-9]{1,9}")) {
      throw ApiException.invalidParameter(
          name, name + " must be a decimal integer, but is '" + value + "'");
    }
    int parsed = Integer.parseInt(value);
    if (parsed < min || parsed > max) {
      throw ApiException.invalidParameter(
          name, name + " must be from " + min + " to " + max + ", but is " + parsed);
    }
    return parsed;
  }

  /** Parses an optional ISO-8601 UTC instant such as {@code 2026-12-04T12:00:00Z}. */
  static Instant instant(String name, String value) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiException.invalidParameter(
          name,
          name
              + " must be an ISO-8601 UTC instant such as 2026-12-04T12:00:00Z, but is '"
              + value
              + "'");
    }
  }

  /**
   * Checks an optional exact-match text filter, without control characters. An empty value counts
   * as absent, as an empty field of an HTML form sends it.
   */
  static String text(String name, String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (value.length() > MAX_TEXT_LENGTH) {
      throw ApiException.invalidParameter(
          name, name + " must have at most " + MAX_TEXT_LENGTH + " characters");
    }
    if (value.chars().anyMatch(Character::isISOControl)) {
      throw ApiException.invalidParameter(name, name + " must not contain control characters");
    }
    return value;
  }

  /** Parses an optional {@code true} or {@code false}. */
  static Boolean bool(String name, String value) {
    if (value == null) {
      return null;
    }
    return switch (value) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default ->
          throw ApiException.invalidParameter(
              name, name + " must be true or false, but is '" + value + "'");
    };
  }
}
