package dev.custos.admission.fallback;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, for a short time, the queries that found no verified attestation, so that the same
 * miss repeated (the API server retrying, a controller recreating pods) does not query again. The
 * number of entries is bounded: when it is full, expired entries are dropped, and a new entry is
 * not kept if none had expired.
 */
final class NegativeCache {
  private final long ttlNanos;
  private final int maxEntries;
  private final Map<String, Long> expiries = new ConcurrentHashMap<>();

  NegativeCache(long ttlNanos, int maxEntries) {
    this.ttlNanos = ttlNanos;
    this.maxEntries = maxEntries;
  }

  boolean contains(String key, long nowNanos) {
    Long expiry = expiries.get(key);
    if (expiry == null) {
      return false;
    }
    if (expiry - nowNanos <= 0) {
      expiries.remove(key, expiry);
      return false;
    }
    return true;
  }

  void add(String key, long nowNanos) {
    if (ttlNanos <= 0) {
      return;
    }
    if (expiries.size() >= maxEntries) {
      removeExpired(nowNanos);
      if (expiries.size() >= maxEntries) {
        return;
      }
    }
    expiries.put(key, nowNanos + ttlNanos);
  }

  int size() {
    return expiries.size();
  }

  private void removeExpired(long nowNanos) {
    for (Iterator<Long> it = expiries.values().iterator(); it.hasNext(); ) {
      if (it.next() - nowNanos <= 0) {
        it.remove();
      }
    }
  }
}
