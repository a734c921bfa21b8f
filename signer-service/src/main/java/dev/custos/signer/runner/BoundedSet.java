package dev.custos.signer.runner;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A set that drops its oldest element once it contains more than a fixed number. */
final class BoundedSet {
  private BoundedSet() {}

  static <T> Set<T> create(int maxSize) {
    return Collections.newSetFromMap(
        new LinkedHashMap<T, Boolean>() {
          @Override
          protected boolean removeEldestEntry(Map.Entry<T, Boolean> eldest) {
            return size() > maxSize;
          }
        });
  }
}
