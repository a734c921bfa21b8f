package dev.custos.metadata.api;

import dev.custos.metadata.MetadataConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Checks the {@code pageSize}, {@code pageToken} and {@code filter} parameters of list calls and
 * returns the number of entries to return.
 */
@ApplicationScoped
public class PageRequests {
  private final MetadataConfig config;

  PageRequests(MetadataConfig config) {
    this.config = config;
  }

  /**
   * Returns the page size: {@code custos.metadata.page-size-default} when {@code pageSize} is
   * absent or 0, and at most {@code custos.metadata.page-size-max}, to which larger requests are
   * cut.
   *
   * @throws InvalidArgumentException if {@code pageSize} is not a non-negative integer, or a page
   *     token or filter is given, since neither is supported yet
   */
  // NOTE: a list returns only its first page and never a nextPageToken, so a client cannot reach
  // the entries after the first pageSize.
  public int pageSize(String pageSize, String pageToken, String filter) {
    if (pageToken != null && !pageToken.isEmpty()) {
      throw new InvalidArgumentException("pageToken is not supported yet, so omit it");
    }
    if (filter != null && !filter.isEmpty()) {
      throw new InvalidArgumentException("filter is not supported yet, so omit it");
    }
    if (pageSize == null || pageSize.isEmpty()) {
      return config.pageSizeDefault();
    }

    int requested = parse(pageSize);
    if (requested == 0) {
      return config.pageSizeDefault();
    }

    return Math.min(requested, config.pageSizeMax());
  }

  private static int parse(String pageSize) {
    int requested;
    try {
      requested = Integer.parseInt(pageSize);
    } catch (NumberFormatException e) {
      throw new InvalidArgumentException(
          "Invalid pageSize '" + pageSize + "': expected a non-negative integer");
    }
    if (requested < 0) {
      throw new InvalidArgumentException(
          "Invalid pageSize " + requested + ": expected a non-negative integer");
    }

    return requested;
  }
}
