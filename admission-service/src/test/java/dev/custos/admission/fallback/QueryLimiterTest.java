package dev.custos.admission.fallback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryLimiterTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void concurrencyBoundSheds() {
    QueryLimiter limiter = new QueryLimiter(2, 100, 0);

    assertThat(limiter.tryAcquire(0)).isTrue();
    assertThat(limiter.tryAcquire(0)).isTrue();
    assertThat(limiter.tryAcquire(0)).isFalse();
    assertThat(limiter.inFlight()).isEqualTo(2);

    limiter.release();
    assertThat(limiter.tryAcquire(0)).isTrue();
  }

  @Test
  void rateBoundShedsUntilRefilled() {
    QueryLimiter limiter = new QueryLimiter(100, 3, 0);

    for (int i = 0; i < 3; i++) {
      assertThat(limiter.tryAcquire(0)).isTrue();
      limiter.release();
    }
    assertThat(limiter.tryAcquire(0)).isFalse();
    assertThat(limiter.inFlight()).isZero();

    assertThat(limiter.tryAcquire(SECOND / 3 + 1)).isTrue();
    assertThat(limiter.tryAcquire(SECOND / 3 + 1)).isFalse();
  }

  @Test
  void burstCappedAtOneSecond() {
    QueryLimiter limiter = new QueryLimiter(100, 2, 0);

    int granted = 0;
    for (int i = 0; i < 10; i++) {
      if (limiter.tryAcquire(60 * SECOND)) {
        granted++;
        limiter.release();
      }
    }
    assertThat(granted).isEqualTo(2);
  }
}
