package dev.custos.metadata.grafeas;

import dev.custos.metadata.api.InvalidArgumentException;
import java.util.regex.Pattern;

/**
 * Checks the ids inside Grafeas resource names: the {@code p} of {@code projects/p} and the last
 * segment of {@code projects/p/notes/n} and {@code projects/p/occurrences/id}.
 */
public final class ResourceIds {
  /**
   * 1 to 128 characters from letters, digits and {@code . _ ~ : -}, not starting with a dot. The
   * set excludes {@code /}, whitespace and anything that needs escaping in a URL path segment.
   */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_~:-][A-Za-z0-9._~:-]{0,127}");

  static final String RULE =
      "1 to 128 letters, digits or the characters . _ ~ : - (no '/', not starting with '.')";

  private ResourceIds() {}

  static boolean isValid(String id) {
    return id != null && ID.matcher(id).matches();
  }

  /**
   * Returns {@code id} when it is a valid id, or raises {@link InvalidArgumentException} naming the
   * field, the value and the expected form.
   */
  public static String require(String id, String field, String expectedForm) {
    if (id == null || id.isEmpty()) {
      throw new InvalidArgumentException(field + " is required, as in " + expectedForm);
    }
    if (!isValid(id)) {
      throw new InvalidArgumentException(
          "Invalid " + field + " '" + id + "': expected " + RULE + ", as in " + expectedForm);
    }

    return id;
  }
}
