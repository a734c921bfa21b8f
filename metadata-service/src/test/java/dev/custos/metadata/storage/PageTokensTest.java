package dev.custos.metadata.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.metadata.api.InvalidArgumentException;
import dev.custos.metadata.filter.FilterSchema;
import dev.custos.metadata.filter.SqlFilter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageTokensTest {
  private static final byte[] KEY =
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  private static final String COLLECTION = "projects/p/occurrences";
  private static final SqlFilter FILTER = FilterSchema.OCCURRENCES.compile("kind=\"BUILD\"");
  private static final PagePosition POSITION =
      new PagePosition(1_714_564_800_123_456L, "projects/p/occurrences/a-b");

  private final PageTokens tokens = new PageTokens(KEY);

  @Test
  void tokenRoundTrips() {
    String token = tokens.issue(COLLECTION, FILTER, POSITION);

    assertThat(tokens.read(token, COLLECTION, FILTER)).isEqualTo(POSITION);
    assertThat(token).matches("[A-Za-z0-9_-]+");
  }

  @Test
  void tokenFromOtherReplicaWithSameKeyIsAccepted() {
    String token = tokens.issue(COLLECTION, FILTER, POSITION);

    assertThat(new PageTokens(KEY.clone()).read(token, COLLECTION, FILTER)).isEqualTo(POSITION);
  }

  @Test
  void emptyTokenIsFirstPage() {
    assertThat(tokens.read(null, COLLECTION, FILTER)).isNull();
    assertThat(tokens.read("", COLLECTION, FILTER)).isNull();
  }

  @Test
  void everyChangedByteIsRejected() {
    byte[] token = Base64.getUrlDecoder().decode(tokens.issue(COLLECTION, FILTER, POSITION));

    for (int i = 0; i < token.length; i++) {
      byte[] tampered = token.clone();
      tampered[i] ^= 0x01;
      String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);

      assertThatThrownBy(() -> tokens.read(encoded, COLLECTION, FILTER))
          .as("byte %d changed", i)
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("Invalid pageToken");
    }
  }

  @Test
  void otherCollectionIsRejected() {
    String token = tokens.issue(COLLECTION, FILTER, POSITION);

    assertThatThrownBy(() -> tokens.read(token, "projects/p2/occurrences", FILTER))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("not issued by this service for this list and filter");
    assertThatThrownBy(() -> tokens.read(token, "projects/p/notes", FILTER))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void otherFilterIsRejected() {
    String token = tokens.issue(COLLECTION, FILTER, POSITION);

    assertThatThrownBy(() -> tokens.read(token, COLLECTION, SqlFilter.NONE))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(
            () ->
                tokens.read(
                    token, COLLECTION, FilterSchema.OCCURRENCES.compile("kind=\"VULNERABILITY\"")))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void otherKeyIsRejected() {
    String token = tokens.issue(COLLECTION, FILTER, POSITION);
    byte[] otherKey = KEY.clone();
    otherKey[0] ^= 0x01;

    assertThatThrownBy(() -> new PageTokens(otherKey).read(token, COLLECTION, FILTER))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void garbageIsRejected() {
    for (String garbage : List.of("abc", "!!!", "AQ", "x".repeat(200))) {
      assertThatThrownBy(() -> tokens.read(garbage, COLLECTION, FILTER))
          .as(garbage)
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("start again without pageToken");
    }
  }

  @Test
  void lastPageHasEmptyToken() {
    List<ListRow> rows = List.of(new ListRow("{}", POSITION));

    PageTokens.Page page = tokens.page(rows, 1, COLLECTION, FILTER);

    assertThat(page.rows()).hasSize(1);
    assertThat(page.nextPageToken()).isEmpty();
  }

  @Test
  void extraRowGivesTokenOfLastKeptRow() {
    PagePosition second =
        new PagePosition(POSITION.createTimeMicros() + 1, "projects/p/occurrences/z");
    List<ListRow> rows = List.of(new ListRow("{}", POSITION), new ListRow("{}", second));

    PageTokens.Page page = tokens.page(rows, 1, COLLECTION, FILTER);

    assertThat(page.rows()).hasSize(1);
    assertThat(tokens.read(page.nextPageToken(), COLLECTION, FILTER)).isEqualTo(POSITION);
  }

  @Test
  void keyMustBeBase64OfThirtyTwoBytes() {
    assertThatThrownBy(() -> PageTokens.decodeKey("c2hvcnQ="))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("custos.metadata.page-token-key must decode to at least 32 bytes");
    assertThatThrownBy(() -> PageTokens.decodeKey("not base64!"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("custos.metadata.page-token-key must be base64");
    assertThat(PageTokens.decodeKey(Base64.getEncoder().encodeToString(KEY))).isEqualTo(KEY);
  }
}
