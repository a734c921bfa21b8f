package dev.custos.admission.fallback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NegativeCacheTest {

  @Test
  void entryExpiresAfterTtl() {
    NegativeCache cache = new NegativeCache(100, 10);

    cache.add("a", 0);

    assertThat(cache.contains("a", 99)).isTrue();
    assertThat(cache.contains("a", 100)).isFalse();
    assertThat(cache.size()).isZero();
  }

  @Test
  void fullCacheKeepsNoNewEntry() {
    NegativeCache cache = new NegativeCache(100, 2);
    cache.add("a", 0);
    cache.add("b", 0);

    cache.add("c", 50);

    assertThat(cache.contains("c", 50)).isFalse();
    assertThat(cache.size()).isEqualTo(2);
  }

  @Test
  void fullCacheDropsExpiredFirst() {
    NegativeCache cache = new NegativeCache(100, 2);
    cache.add("a", 0);
    cache.add("b", 50);

    cache.add("c", 120);

    assertThat(cache.contains("c", 120)).isTrue();
    assertThat(cache.contains("b", 120)).isTrue();
    assertThat(cache.contains("a", 120)).isFalse();
  }

  @Test
  void zeroTtlKeepsNothing() {
    NegativeCache cache = new NegativeCache(0, 10);

    cache.add("a", 0);

    assertThat(cache.size()).isZero();
  }
}
