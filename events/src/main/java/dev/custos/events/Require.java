package dev.custos.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custos.events.image.Digest;
import dev.custos.events.image.InvalidImageReferenceException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Field checks for the compact constructors of the event records. Each check names the field in its
 * message: a missing value raises {@link NullPointerException} ({@code digest is required}), an
 * invalid one raises {@link IllegalArgumentException}.
 */
public final class Require {
  /** A project or resource id inside a Grafeas name. */
  private static final Pattern RESOURCE_ID = Pattern.compile("[^/\\s]+");

  private Require() {}

  /** Returns {@code value}, or raises {@code <field> is required} when it is null. */
  public static <T> T present(T value, String field) {
    if (value == null) {
      throw new NullPointerException(field + " is required");
    }

    return value;
  }

  /** Returns {@code value} when it is present and contains a non-whitespace character. */
  public static String text(String value, String field) {
    present(value, field);
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }

    return value;
  }

  /** Returns {@code value} when it is null or contains a non-whitespace character. */
  public static String optionalText(String value, String field) {
    return value == null ? null : text(value, field);
  }

  /**
   * Returns {@code value} when it is a digest that {@link Digest#parse} accepts: {@code sha256:}
   * with 64 or {@code sha512:} with 128 lowercase hex digits.
   */
  public static String digest(String value, String field) {
    text(value, field);
    try {
      Digest.parse(value);
    } catch (InvalidImageReferenceException e) {
      throw new IllegalArgumentException(field + " is not a valid digest: " + e.getMessage(), e);
    }

    return value;
  }

  /** Returns {@code value} when it is null or a valid digest (see {@link #digest}). */
  public static String optionalDigest(String value, String field) {
    return value == null ? null : digest(value, field);
  }

  /**
   * Returns {@code value} when it is a Grafeas resource name {@code
   * projects/<project>/<collection>/ <id>}, for example {@code projects/p/notes/n} for collection
   * {@code notes}. The project and id must not contain a slash or whitespace.
   */
  public static String resourceName(String value, String collection, String field) {
    text(value, field);

    String[] segments = value.split("/", -1);
    boolean valid =
        segments.length == 4
            && segments[0].equals("projects")
            && RESOURCE_ID.matcher(segments[1]).matches()
            && segments[2].equals(collection)
            && RESOURCE_ID.matcher(segments[3]).matches();
    if (!valid) {
      throw new IllegalArgumentException(
          field
              + " is not a valid Grafeas name: '"
              + value
              + "'; expected projects/<project>/"
              + collection
              + "/<id>");
    }

    return value;
  }

  /** Returns {@code value} when it is zero or more. */
  public static long nonNegative(long value, String field) {
    if (value < 0) {
      throw new IllegalArgumentException(field + " must not be negative, but is " + value);
    }

    return value;
  }

  /** Returns {@code value} when it is a JSON object. */
  public static JsonNode jsonObject(JsonNode value, String field) {
    present(value, field);
    if (!value.isObject()) {
      throw new IllegalArgumentException(
          field + " must be a JSON object, but is " + value.getNodeType());
    }

    return value;
  }

  /**
   * Returns an unmodifiable copy of {@code values} after checking that the list and each element
   * are present. A null element raises {@code <field>[<index>] is required}.
   */
  public static <T> List<T> list(List<T> values, String field) {
    present(values, field);
    for (int i = 0; i < values.size(); i++) {
      present(values.get(i), field + "[" + i + "]");
    }

    return List.copyOf(values);
  }

  /** Returns an unmodifiable copy of {@code values} when it has at least one element. */
  public static <T> List<T> nonEmptyList(List<T> values, String field) {
    List<T> copy = list(values, field);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException(field + " must not be empty");
    }

    return copy;
  }
}
