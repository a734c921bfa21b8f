package dev.custos.metadata.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.metadata.MetadataConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PageRequestsTest {
  private final PageRequests pages = new PageRequests(new Settings());

  @Test
  void absentSizeIsDefault() {
    assertThat(pages.pageSize(null, null, null)).isEqualTo(20);
    assertThat(pages.pageSize("0", "", "")).isEqualTo(20);
  }

  @Test
  void largeSizeIsClampedToMax() {
    assertThat(pages.pageSize("5000", null, null)).isEqualTo(50);
  }

  @Test
  void negativeSizeIsRejected() {
    assertThatThrownBy(() -> pages.pageSize("-1", null, null))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("pageSize");
  }

  @Test
  void pageTokenIsRejected() {
    assertThatThrownBy(() -> pages.pageSize(null, "abc", null))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("pageToken");
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
    public Outbox outbox() {
      throw new UnsupportedOperationException("not used by these tests");
    }
  }
}
