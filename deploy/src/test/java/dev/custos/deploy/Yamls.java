package dev.custos.deploy;

import java.util.List;
import java.util.Map;

/** Typed access to parsed YAML, failing with the path of a missing or mistyped field. */
final class Yamls {
  private Yamls() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    if (!(value instanceof Map)) {
      throw new AssertionError("expected a mapping at '" + key + "', got " + value);
    }
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> mapOrEmpty(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    return value == null ? Map.of() : (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    if (!(value instanceof List)) {
      throw new AssertionError("expected a list at '" + key + "', got " + value);
    }
    return (List<Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> maps(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List)) {
      throw new AssertionError("expected a list at '" + key + "', got " + value);
    }
    return (List<Map<String, Object>>) value;
  }

  /** Follows a dotted path of mapping keys, returning null where the path ends early. */
  @SuppressWarnings("unchecked")
  static Object at(Map<String, Object> root, String dottedPath) {
    Object current = root;
    for (String key : dottedPath.split("\\.")) {
      if (!(current instanceof Map)) {
        return null;
      }
      current = ((Map<String, Object>) current).get(key);
    }
    return current;
  }
}
