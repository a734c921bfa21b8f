package dev.custos.audit.ingest;

import dev.custos.audit.KafkaSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/** The ingest's meters. Topic tags are topic names without the deployment's prefix. */
final class IngestMetrics {
  private final MeterRegistry registry;
  private final KafkaSettings kafka;
  private final Counter appended;
  private final Counter duplicates;
  private final Counter appendRetries;
  private volatile double lag = -1;

  IngestMetrics(MeterRegistry registry, KafkaSettings kafka) {
    this.registry = registry;
    this.kafka = kafka;
    this.appended =
        Counter.builder("custos.audit.entries.appended")
            .description("Entries that the ingest appended to the log, ingest-failed ones included")
            .register(registry);
    this.duplicates =
        Counter.builder("custos.audit.ingest.duplicates")
            .description("Records skipped because the log already had their event id")
            .register(registry);
    this.appendRetries =
        Counter.builder("custos.audit.ingest.append.retries")
            .description("Append transactions that failed and were retried")
            .register(registry);
    Gauge.builder("custos.audit.ingest.lag", this, metrics -> metrics.lag)
        .description("Records on the assigned partitions not polled yet, -1 before it is known")
        .register(registry);
  }

  String unprefixed(String topic) {
    return kafka.unprefixed(topic);
  }

  void appended(int appendedCount, int duplicateCount) {
    appended.increment(appendedCount);
    duplicates.increment(duplicateCount);
  }

  void appendRetried() {
    appendRetries.increment();
  }

  void ingestFailed(String topic) {
    Counter.builder("custos.audit.ingest.failures")
        .description("Records appended as ingest-failed entries because they cannot be read")
        .tag("topic", topic)
        .register(registry)
        .increment();
  }

  void tombstoneSkipped(String topic) {
    Counter.builder("custos.audit.ingest.tombstones.skipped")
        .description("Tombstones skipped; the deletion event before each one is in the log")
        .tag("topic", topic)
        .register(registry)
        .increment();
  }

  /** Sums the lag of the assigned partitions, once the consumer has the lag of every one. */
  void updateLag(Consumer<?, ?> consumer) {
    long total = 0;
    for (TopicPartition partition : consumer.assignment()) {
      OptionalLong partitionLag = consumer.currentLag(partition);
      if (partitionLag.isEmpty()) {
        return;
      }
      total += partitionLag.getAsLong();
    }
    lag = total;
  }
}
