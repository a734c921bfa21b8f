package dev.custos.metadata.storage;

/**
 * The last row of a page in list order, (create time, name), after which the next page starts.
 *
 * @param createTimeMicros the row's {@code create_time} in microseconds since the epoch, which is
 *     PostgreSQL's precision, so the comparison is exact
 * @param name the row's name, which breaks ties between rows created in the same microsecond
 */
public record PagePosition(long createTimeMicros, String name) {}
