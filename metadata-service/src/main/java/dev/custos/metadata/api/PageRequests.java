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
   * Parses the page size of a REST list call given as {@code pageSize} or {@code page_size}. The
   * Grafeas gateway accepts both the JSON and the proto name of a query parameter.
   *
   * @throws InvalidArgumentException if both are given with different values, or the value is not a
   *     non-negative integer
   */
  public static int parsePageSize(String pageSize, String pageSizeSnake) {
    return parsePageSize(either("pageSize", pageSize, "page_size", pageSizeSnake));
  }

  /**
   * Returns the page token of a REST list call given as {@code pageToken} or {@code page_token}.
   *
   * @throws InvalidArgumentException if both are given with different values
   */
  public static String pageToken(String pageToken, String pageTokenSnake) {
    return either("pageToken", pageToken, "page_token", pageTokenSnake);
  }

  private static String either(String name, String value, String snakeName, String snakeValue) {
    if (value != null && snakeValue != null && !value.equals(snakeValue)) {
      throw new InvalidArgumentException(
          "Invalid "
              + name
              + " '"
              + value
              + "' and "
              + snakeName
              + " '"
              + snakeValue
              + "': they are the same parameter, so give one of them");
    }

    return value != null ? value : snakeValue;
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
