package dev.custos.metadata.grafeas;

import dev.custos.metadata.api.InvalidArgumentException;

/** Splits {@code projects/<p>/<collection>/<id>} names into their four segments. */
final class ResourceNameSegments {
  private ResourceNameSegments() {}

  static String[] split(String name, String field, String form, String collection) {
    if (name == null || name.isEmpty()) {
      throw new InvalidArgumentException(field + " is required, as in " + form);
    }

    String[] segments = name.split("/", -1);
    boolean valid =
        segments.length == 4
            && segments[0].equals("projects")
            && segments[2].equals(collection)
            && ResourceIds.isValid(segments[1])
            && ResourceIds.isValid(segments[3]);
    if (!valid) {
      throw new InvalidArgumentException(
          "Invalid "
              + field
              + " '"
              + name
              + "': expected "
              + form
              + ", where each id is "
              + ResourceIds.RULE);
    }

    return segments;
  }
}
