package dev.custos.admission.fallback;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the metadata-service queries: at most {@code maxConcurrent} in flight and at most {@code
 * perSecond} started per second (a token bucket that holds one second of tokens). It never waits:
 * {@link #tryAcquire} returns false at once when either bound is reached, so a flood of cache
 * misses is shed instead of queued.
 */
final class QueryLimiter {
  private final int maxConcurrent;
  private final int perSecond;
  private final AtomicInteger inFlight = new AtomicInteger();

  // Guarded by this.
  private double tokens;
  private long refilledAtNanos;

  QueryLimiter(int maxConcurrent, int perSecond, long nowNanos) {
    this.maxConcurrent = maxConcurrent;
    this.perSecond = perSecond;
    this.tokens = perSecond;
    this.refilledAtNanos = nowNanos;
  }

  /** Takes a slot and a token, or returns false and takes nothing. */
  boolean tryAcquire(long nowNanos) {
    if (inFlight.incrementAndGet() > maxConcurrent) {
      inFlight.decrementAndGet();
      return false;
    }
    if (!takeToken(nowNanos)) {
      inFlight.decrementAndGet();
      return false;
    }
    return true;
  }

  /** Returns the slot of a finished query. */
  void release() {
    inFlight.decrementAndGet();
  }

  int inFlight() {
    return inFlight.get();
  }

  String describe() {
    return maxConcurrent + " queries in flight and " + perSecond + " per second";
  }

  private synchronized boolean takeToken(long nowNanos) {
    double elapsedSeconds = Math.max(0, nowNanos - refilledAtNanos) / 1e9;
    tokens = Math.min(perSecond, tokens + elapsedSeconds * perSecond);
    refilledAtNanos = nowNanos;
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }
}
