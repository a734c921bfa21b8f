package dev.custos.metadata.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Micrometer meters of the outbox relay. */
@ApplicationScoped
class OutboxMetrics {
  private static final String BACKLOG = "custos.outbox.backlog";
  private static final String BLOCKED_ROW = "custos.outbox.blocked.row";

  private final AtomicLong backlog = new AtomicLong();
  private final AtomicLong blockedRow = new AtomicLong();
  private final Counter published;
  private final Counter failures;
  private final Timer lag;

  OutboxMetrics(MeterRegistry registry) {
    removeStaleGauge(registry, BACKLOG);
    removeStaleGauge(registry, BLOCKED_ROW);
    Gauge.builder(BACKLOG, backlog, AtomicLong::get)
        .description("Outbox rows not yet published to Kafka")
        .baseUnit("rows")
        .strongReference(true)
        .register(registry);
    Gauge.builder(BLOCKED_ROW, blockedRow, AtomicLong::get)
        .description(
            "Id of the outbox row that Kafka rejects as too large, which blocks all later rows,"
                + " or 0 when none is blocked")
        .strongReference(true)
        .register(registry);
    this.published =
        Counter.builder("custos.outbox.published")
            .description("Outbox rows published to Kafka and marked")
            .baseUnit("rows")
            .register(registry);
    this.failures =
        Counter.builder("custos.outbox.publish.failures")
            .description("Failed attempts to publish a batch of outbox rows")
            .register(registry);
    this.lag =
        Timer.builder("custos.outbox.lag")
            .description("Time from writing an outbox row to the broker acknowledging it")
            .publishPercentileHistogram()
            .register(registry);
  }

  /**
   * Removes a gauge registered by an earlier application on the same registry. Micrometer returns
   * an existing gauge instead of registering a new one, so without this the gauge would keep
   * reading the earlier application's value. Several {@code @QuarkusTest} applications in one JVM
   * share the registry in this way.
   */
  private static void removeStaleGauge(MeterRegistry registry, String name) {
    Gauge stale = registry.find(name).gauge();
    if (stale != null) {
      registry.remove(stale);
    }
  }

  /** Sets the backlog gauge to the number of unpublished rows. */
  void backlog(long unpublishedRows) {
    backlog.set(unpublishedRows);
  }

  /** Sets the blocked-row gauge to the id of the row that Kafka rejects as too large, or 0. */
  void blockedRow(long rowId) {
    blockedRow.set(rowId);
  }

  long backlog() {
    return backlog.get();
  }

  /** Counts the rows and records each one's lag from {@code created} to {@code acknowledged}. */
  void published(List<OutboxRow> rows, Instant acknowledged) {
    published.increment(rows.size());
    for (OutboxRow row : rows) {
      lag.record(Duration.between(row.created(), acknowledged));
    }
  }

  void failed() {
    failures.increment();
  }
}
