package dev.custos.metadata.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.metadata.MetadataConfig;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PageRequestsTest {
  private final PageRequests pages = new PageRequests(new Settings());

  @Test
  void absentSizeIsDefault() {
    assertThat(PageRequests.parsePageSize(null)).isZero();
    assertThat(PageRequests.parsePageSize("")).isZero();
    assertThat(pages.effectivePageSize(0)).isEqualTo(20);
  }

  @Test
  void sizeWithinMaxIsKept() {
    assertThat(pages.effectivePageSize(PageRequests.parsePageSize("7"))).isEqualTo(7);
  }

  @Test
  void largeSizeIsClampedToMax() {
    assertThat(pages.effectivePageSize(PageRequests.parsePageSize("5000"))).isEqualTo(50);
  }

  @Test
  void negativeSizeIsRejected() {
    assertThatThrownBy(() -> PageRequests.parsePageSize("-1"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("pageSize -1");
    assertThatThrownBy(() -> pages.effectivePageSize(-3))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("pageSize -3");
  }

  @Test
  void nonNumericSizeIsRejected() {
    assertThatThrownBy(() -> PageRequests.parsePageSize("many"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("'many'");
  }

  private record Settings() implements MetadataConfig {
    @Override
    public int pageSizeDefault() {
      return 20;
    }

    @Override
    public int pageSizeMax() {
      return 50;
    }

    @Override
    public Map<String, PrincipalSettings> principals() {
      return Map.of();
    }

    @Override
    public Optional<String> pageTokenKey() {
      return Optional.empty();
    }

    @Override
    public int maxOccurrenceBytes() {
      return 900_000;
    }

    @Override
    public Outbox outbox() {
      throw new UnsupportedOperationException("not used by these tests");
    }
  }
}
