package dev.custos.metadata.api;

import dev.custos.metadata.MetadataConfig;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads the {@code pageSize} of list calls and applies the configured default and maximum. */
@ApplicationScoped
public class PageRequests {
  private final MetadataConfig config;

  PageRequests(MetadataConfig config) {
    this.config = config;
  }

  /**
   * Parses the {@code pageSize} query parameter of a REST list call; absent or empty is 0.
   *
   * @throws InvalidArgumentException if it is not a non-negative integer
   */
  public static int parsePageSize(String pageSize) {
    if (pageSize == null || pageSize.isEmpty()) {
      return 0;
    }

    int requested;
    try {
      requested = Integer.parseInt(pageSize);
    } catch (NumberFormatException e) {
      throw new InvalidArgumentException(
          "Invalid pageSize '" + pageSize + "': expected a non-negative integer");
    }

    return requireNonNegative(requested);
  }

  /**
   * Returns the number of entries to return for a requested page size: {@code
   * custos.metadata.page-size-default} for 0, and at most {@code custos.metadata.page-size-max}, to
   * which larger requests are cut, as AIP-158 allows.
   *
   * @throws InvalidArgumentException if {@code requested} is negative
   */
  public int effectivePageSize(int requested) {
    if (requireNonNegative(requested) == 0) {
      return config.pageSizeDefault();
    }

    return Math.min(requested, config.pageSizeMax());
  }

  private static int requireNonNegative(int requested) {
    if (requested < 0) {
      throw new InvalidArgumentException(
          "Invalid pageSize " + requested + ": expected a non-negative integer");
    }

    return requested;
  }
}
