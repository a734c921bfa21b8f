package dev.custos.metadata.storage;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Function;

/**
 * Builds multi-row SQL for batch writes, so that a batch of up to 1000 items costs a few round
 * trips instead of one per item.
 */
public final class SqlBatches {
  /**
   * Rows per multi-row INSERT. With at most 9 bound parameters per row, 500 rows stay far below
   * PostgreSQL's limit of 65535 parameters in one statement.
   */
  public static final int ROWS_PER_STATEMENT = 500;

  private SqlBatches() {}

  /**
   * Returns {@code rows} copies of {@code rowTemplate}, joined by commas, with each {@code {i}}
   * replaced by the row index: {@code (:name{i}, :kind{i})} becomes {@code (:name0, :kind0),
   * (:name1, :kind1)}.
   */
  public static String values(int rows, String rowTemplate) {
    StringBuilder sql = new StringBuilder(rows * (rowTemplate.length() + 8));
    for (int i = 0; i < rows; i++) {
      if (i > 0) {
        sql.append(", ");
      }
      sql.append(rowTemplate.replace("{i}", Integer.toString(i)));
    }

    return sql.toString();
  }

  /** Returns the list of named parameters {@code :prefix0, :prefix1, ...} for an IN clause. */
  public static String parameterList(String prefix, int count) {
    return values(count, ":" + prefix + "{i}");
  }

  /** Runs {@code insert} on consecutive chunks of {@link #ROWS_PER_STATEMENT} items, in order. */
  public static <T> Uni<Void> inChunks(List<T> items, Function<List<T>, Uni<Void>> insert) {
    Uni<Void> result = Uni.createFrom().voidItem();
    for (int start = 0; start < items.size(); start += ROWS_PER_STATEMENT) {
      List<T> chunk = items.subList(start, Math.min(items.size(), start + ROWS_PER_STATEMENT));
      result = result.chain(() -> insert.apply(chunk));
    }

    return result;
  }
}
