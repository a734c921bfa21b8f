package dev.custos.metadata.storage;

import dev.custos.metadata.api.InvalidArgumentException;

/** Page tokens of list calls. */
public final class PageTokens {
  private PageTokens() {}

  /** Rejects a page token, since a list returns only its first page. */
  public static void rejectUnsupported(String pageToken) {
    if (pageToken != null && !pageToken.isEmpty()) {
      throw new InvalidArgumentException("pageToken is not supported yet, so omit it");
    }
  }
}
