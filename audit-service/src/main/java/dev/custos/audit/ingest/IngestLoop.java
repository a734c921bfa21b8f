package dev.custos.audit.ingest;

import dev.custos.audit.LogKeys;
import dev.custos.audit.entry.LogEntry;
import dev.custos.audit.log.AppendResult;
import dev.custos.audit.log.AuditLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer's loop: poll, turn the records into entries, append them in one transaction, and
 * only then commit the polled offsets. A crash before the commit redelivers the records, and the
 * log skips the event ids it already has, so every record is appended once.
 */
final class IngestLoop implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(IngestLoop.class);

  private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

  private final Consumer<byte[], byte[]> consumer;
  private final List<String> topics;
  private final AuditLog auditLog;
  private final RecordEntries recordEntries = new RecordEntries();
  private final IngestMetrics metrics;
  private final Backoff backoff;
  private final Runnable onAppended;
  private final IngestHook hook;
  private volatile boolean running = true;

  /**
   * Called between the steps of a batch. Tests throw from it to stop the loop where a crash would.
   */
  interface IngestHook {
    IngestHook NONE = () -> {};

    /** Runs after the append returned and before the offsets are committed. */
    void afterAppend();
  }

  IngestLoop(
      Consumer<byte[], byte[]> consumer,
      List<String> topics,
      AuditLog auditLog,
      IngestMetrics metrics,
      Backoff backoff,
      Runnable onAppended,
      IngestHook hook) {
    this.consumer = consumer;
    this.topics = List.copyOf(topics);
    this.auditLog = auditLog;
    this.metrics = metrics;
    this.backoff = backoff;
    this.onAppended = onAppended;
    this.hook = hook;
  }

  /** Stops the loop. Records polled but not appended yet are delivered again at the next start. */
  void stop() {
    running = false;
    consumer.wakeup();
  }

  @Override
  public void run() {
    try (consumer) {
      consumer.subscribe(topics);
      log.atInfo().log("Consuming {} into the audit log", topics);
      while (running) {
        pollOnce();
      }
    } catch (WakeupException e) {
      if (running) {
        log.atError().setCause(e).log("Audit ingest stopped by an unexpected wakeup");
      }
    } catch (InterruptedException | InterruptException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // Nothing of the failed batch is committed, so a restart delivers it again.
      log.atError()
          .setCause(e)
          .log("Audit ingest stopped, so no more events are appended until a restart");
    }
  }

  private void pollOnce() throws InterruptedException {
    ConsumerRecords<byte[], byte[]> records;
    try {
      records = consumer.poll(POLL_TIMEOUT);
    } catch (WakeupException e) {
      throw e;
    } catch (KafkaException e) {
      // The consumer keeps its positions, so the next poll continues where this one stopped.
      log.atWarn().setCause(e).log("Polling the Custos topics failed, polling again after a pause");
      Thread.sleep(backoff.initial().toMillis());
      return;
    }
    metrics.updateLag(consumer);
    if (records.isEmpty()) {
      return;
    }

    List<LogEntry> entries = toEntries(records);
    if (!entries.isEmpty()) {
      AppendResult result = appendWithRetry(entries);
      metrics.appended(result.appended().size(), result.duplicateEventIds().size());
      if (!result.appended().isEmpty()) {
        onAppended.run();
      }
    }
    hook.afterAppend();
    commit(records);
  }

  private List<LogEntry> toEntries(ConsumerRecords<byte[], byte[]> records) {
    List<LogEntry> entries = new ArrayList<>(records.count());
    for (ConsumerRecord<byte[], byte[]> record : records) {
      String topic = metrics.unprefixed(record.topic());
      RecordEntries.Result result = recordEntries.toEntry(record, topic);
      if (result.skipped()) {
        metrics.tombstoneSkipped(topic);
        continue;
      }
      if (result.failure() != null) {
        metrics.ingestFailed(topic);
        log.atWarn()
            .addKeyValue(LogKeys.TOPIC, record.topic())
            .addKeyValue(LogKeys.PARTITION, record.partition())
            .addKeyValue(LogKeys.OFFSET, record.offset())
            .addKeyValue(LogKeys.CE_ID, result.entry().eventId())
            .log(
                "Record cannot be read; appending it as an ingest-failed entry: {}",
                result.failure());
      }
      entries.add(result.entry());
    }
    return entries;
  }

  /**
   * Appends the entries, retrying with exponential backoff while the append fails, for as long as
   * the loop runs. No offset is committed meanwhile, so a stop loses nothing.
   */
  private AppendResult appendWithRetry(List<LogEntry> entries) throws InterruptedException {
    Duration wait = backoff.initial();
    for (int attempt = 1; ; attempt++) {
      try {
        return auditLog.append(entries);
      } catch (RuntimeException e) {
        if (!running) {
          throw new WakeupException();
        }
        metrics.appendRetried();
        log.atWarn()
            .addKeyValue(LogKeys.APPENDED_COUNT, entries.size())
            .addKeyValue(LogKeys.ATTEMPT, attempt)
            .addKeyValue(LogKeys.RETRY_DELAY_MS, wait.toMillis())
            .setCause(e)
            .log("Appending to the audit log failed, retrying without committing offsets");
        Thread.sleep(wait.toMillis());
        wait = backoff.next(wait);
      }
    }
  }

  /**
   * Commits, for each partition of the batch, the offset after its last record. A failed commit is
   * harmless, because the records are appended already.
   */
  private void commit(ConsumerRecords<byte[], byte[]> records) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition partition : records.partitions()) {
      List<ConsumerRecord<byte[], byte[]>> partitionRecords = records.records(partition);
      long last = partitionRecords.get(partitionRecords.size() - 1).offset();
      offsets.put(partition, new OffsetAndMetadata(last + 1));
    }
    try {
      consumer.commitSync(offsets);
    } catch (WakeupException e) {
      throw e;
    } catch (KafkaException e) {
      // CommitFailedException and RebalanceInProgressException follow a rebalance, timeouts an
      // outage. The next commit covers these offsets, and redelivered records are duplicates.
      log.atWarn()
          .setCause(e)
          .log(
              "Committing offsets failed; the appended records are skipped as duplicates if they"
                  + " are delivered again");
    }
  }

  /**
   * Exponential backoff between append attempts.
   *
   * @param initial the first wait
   * @param max the longest wait
   */
  record Backoff(Duration initial, Duration max) {
    Duration next(Duration wait) {
      Duration doubled = wait.multipliedBy(2);
      return doubled.compareTo(max) > 0 ? max : doubled;
    }
  }
}
