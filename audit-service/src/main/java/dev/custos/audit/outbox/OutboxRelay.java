package dev.custos.audit.outbox;

import dev.custos.audit.AuditConfig;
import dev.custos.audit.KafkaSettings;
import dev.custos.audit.LogKeys;
import dev.custos.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes every stored entry on {@code audit.log} in leaf index order, on a thread of its own.
 * The entries table is the outbox: each batch is read from it, sent and acknowledged, and then its
 * last leaf index is inserted into {@code audit_published}, all in one transaction that holds an
 * advisory lock, so one relay at a time publishes. A crash after the acknowledgement and before the
 * commit sends the batch again, with the same CloudEvents ids.
 */
@ApplicationScoped
public class OutboxRelay {
  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

  private final AuditConfig.Outbox config;
  private final DataSource dataSource;
  private final EntryPublisher publisher;
  private final Semaphore wakeUp = new Semaphore(0);
  private final Counter published;
  private final Counter failures;
  private volatile long lastPublished = -1;
  private volatile boolean running;
  private boolean failing;
  private Thread thread;

  OutboxRelay(
      AuditConfig config, KafkaSettings kafka, DataSource dataSource, MeterRegistry registry) {
    this.config = config.outbox();
    this.dataSource = dataSource;
    this.publisher =
        new EntryPublisher(
            kafka.producerProperties("custos-audit-outbox", this.config.publishTimeout()),
            kafka.topic(Topics.AUDIT_LOG),
            config.logOrigin(),
            this.config.publishTimeout());
    this.published =
        Counter.builder("custos.audit.outbox.published")
            .description("Entries that Kafka acknowledged on audit.log, repeats included")
            .register(registry);
    this.failures =
        Counter.builder("custos.audit.outbox.failures")
            .description("Batches whose publication on audit.log failed and is retried")
            .register(registry);
    Gauge.builder("custos.audit.outbox.published.leaf.index", this, relay -> relay.lastPublished)
        .description("Last leaf index published on audit.log, -1 before the first")
        .register(registry);
  }

  void onStart(@Observes StartupEvent event) {
    if (!config.enabled()) {
      log.atInfo().log("Publication on audit.log disabled by custos.audit.outbox.enabled");
      return;
    }
    running = true;
    thread = new Thread(this::run, "custos-audit-outbox");
    thread.setDaemon(true);
    thread.start();
  }

  void onStop(@Observes ShutdownEvent event) throws InterruptedException {
    running = false;
    wake();
    if (thread != null) {
      thread.join(STOP_TIMEOUT.toMillis());
    }
  }

  /** Makes the relay look for new entries now, instead of at its next poll interval. */
  public void wake() {
    if (wakeUp.availablePermits() == 0) {
      wakeUp.release();
    }
  }

  /** Returns the last leaf index published on {@code audit.log}, or -1 before the first. */
  public long lastPublished() {
    return lastPublished;
  }

  private void run() {
    try {
      while (running) {
        int count = relayOnce();
        if (count < config.batchSize()) {
          awaitWakeUp();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      publisher.close();
    }
  }

  /** Publishes the next batch and returns its size, 0 when there is nothing or a failure. */
  int relayOnce() throws InterruptedException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        int count = publishNextBatch(connection);
        connection.commit();
        recovered();
        return count;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException | RuntimeException e) {
      failed(e);
      Thread.sleep(config.pollInterval().toMillis());
      return 0;
    }
  }

  private int publishNextBatch(Connection connection) throws SQLException {
    if (!OutboxStore.tryLock(connection)) {
      // Another replica's relay is publishing, so this one tries again at its next interval.
      return 0;
    }
    long next = OutboxStore.lastPublished(connection) + 1;
    List<StoredEntry> batch = OutboxStore.entries(connection, next, config.batchSize());
    if (batch.isEmpty()) {
      lastPublished = next - 1;
      return 0;
    }

    publisher.publish(batch);
    long last = batch.get(batch.size() - 1).leafIndex();
    OutboxStore.insertProgress(connection, last);
    published.increment(batch.size());
    lastPublished = last;
    return batch.size();
  }

  private void awaitWakeUp() throws InterruptedException {
    wakeUp.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    wakeUp.drainPermits();
  }

  /** Logs the first failure of an outage at WARN and the repeats at DEBUG. */
  private void failed(Exception e) {
    failures.increment();
    var event = failing ? log.atDebug() : log.atWarn();
    event
        .addKeyValue(LogKeys.LEAF_INDEX, lastPublished + 1)
        .setCause(e)
        .log("Publishing entries on audit.log failed, retrying after the poll interval");
    failing = true;
  }

  private void recovered() {
    if (failing) {
      failing = false;
      log.atInfo()
          .addKeyValue(LogKeys.LEAF_INDEX, lastPublished)
          .log("Publishing entries on audit.log works again");
    }
  }
}
