package dev.custos.metadata.filter;

import java.util.Map;

/**
 * A filter compiled to a SQL condition on one table. Every value from the filter is in {@code
 * parameters}, bound by name ({@code :filter0}, {@code :filter1}, ...), so the text of {@code
 * condition} depends only on which fields and operators the filter uses.
 *
 * @param condition a boolean SQL expression, {@code TRUE} for no filter
 * @param parameters the values to bind: {@code String}, {@code Boolean}, {@code BigDecimal} or
 *     {@code OffsetDateTime}
 * @param text the filter as the client sent it, empty for none, to which page tokens are bound
 */
public record SqlFilter(String condition, Map<String, Object> parameters, String text) {

  /** No filter: every row matches. */
  public static final SqlFilter NONE = new SqlFilter("TRUE", Map.of(), "");

  public SqlFilter {
    parameters = Map.copyOf(parameters);
  }
}
