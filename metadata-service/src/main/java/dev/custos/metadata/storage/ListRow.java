package dev.custos.metadata.storage;

/**
 * One row of a list query: the resource and its position in list order.
 *
 * @param body the stored JSON, or the name for tables without a body
 */
public record ListRow(String body, PagePosition position) {}
