package dev.custos.metadata.storage;

import dev.custos.metadata.filter.SqlFilter;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Runs the list queries of notes, occurrences and projects: a scope (such as the project), a
 * compiled filter, and keyset pagination in the stable order {@code (create_time, name)}. The
 * indexes {@code (project, create_time, name)} and {@code (note_name, create_time, name)} serve
 * that order.
 */
public final class ListQueries {
  private ListQueries() {}

  /**
   * Returns up to {@code limit} rows of {@code table} that match {@code scope} and {@code filter},
   * after {@code after} (or from the start when it is null), in list order.
   *
   * @param bodyColumn the SQL expression of the returned body, such as {@code CAST(body AS text)}
   * @param scope a SQL condition fixed by the caller, with its parameters in {@code
   *     scopeParameters}
   */
  public static Uni<List<ListRow>> fetch(
      Mutiny.Session session,
      String table,
      String bodyColumn,
      String scope,
      Map<String, Object> scopeParameters,
      SqlFilter filter,
      PagePosition after,
      int limit) {
    StringBuilder sql =
        new StringBuilder("SELECT ")
            .append(bodyColumn)
            .append(", name, CAST(EXTRACT(EPOCH FROM create_time) * 1000000 AS bigint) FROM ")
            .append(table)
            .append(" WHERE ")
            .append(scope);
    if (after != null) {
      sql.append(" AND (create_time, name) > (:afterTime, :afterName)");
    }
    sql.append(" AND (").append(filter.condition()).append(")");
    sql.append(" ORDER BY create_time, name LIMIT :limit");

    var query = session.createNativeQuery(sql.toString(), Object[].class);
    scopeParameters.forEach(query::setParameter);
    filter.parameters().forEach(query::setParameter);
    if (after != null) {
      query.setParameter("afterTime", toTime(after.createTimeMicros()));
      query.setParameter("afterName", after.name());
    }
    query.setParameter("limit", (long) limit);

    return query.getResultList().map(ListQueries::toRows);
  }

  private static List<ListRow> toRows(List<Object[]> results) {
    List<ListRow> rows = new ArrayList<>(results.size());
    for (Object[] result : results) {
      long micros = ((Number) result[2]).longValue();
      rows.add(new ListRow((String) result[0], new PagePosition(micros, (String) result[1])));
    }

    return rows;
  }

  private static OffsetDateTime toTime(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
  }
}
