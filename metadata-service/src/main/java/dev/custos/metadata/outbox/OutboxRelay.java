package dev.custos.metadata.outbox;

import dev.custos.metadata.LogKeys;
import dev.custos.metadata.MetadataConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes outbox rows to Kafka in id order on a thread of its own, and marks each row published
 * only after the broker acknowledged all of its records.
 *
 * <p>A batch is one PostgreSQL transaction: take the advisory lock {@link
 * OutboxStore#RELAY_LOCK_KEY}, read the oldest unpublished rows, publish them, set {@code
 * published_at} and commit. The lock lets one relay across all replicas work at a time, and every
 * batch starts at the lowest unpublished id, so a failed batch is retried from its first row.
 * Consumers may therefore see a record twice, with the same {@code ce_id}, but never miss one.
 *
 * <p>The relay drains the outbox whenever {@link #wake()} is called after a commit, and otherwise
 * checks every {@code poll-interval-ms} for rows of other replicas or rows left by a crash.
 */
@ApplicationScoped
public class OutboxRelay {
  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

  private final MetadataConfig.Outbox config;
  private final OutboxStore store;
  private final OutboxPublisher publisher;
  private final OutboxMetrics metrics;
  private final Semaphore wakeUps = new Semaphore(0);
  private final CountDownLatch stopping = new CountDownLatch(1);
  private Thread thread;
  private int failedAttempts;

  /** Id of the first row of the current batch, or 0 before the relay read one, for logs. */
  private long batchStartId;

  /**
   * Id of the row whose record Kafka rejected as too large in the last attempt, or 0. The relay
   * keeps retrying that row, and publishes nothing after it, until the limits allow it.
   */
  private volatile long blockedRowId;

  OutboxRelay(
      MetadataConfig config, OutboxStore store, OutboxPublisher publisher, OutboxMetrics metrics) {
    this.config = config.outbox();
    this.store = store;
    this.publisher = publisher;
    this.metrics = metrics;
  }

  /** Outcome of one batch. */
  enum BatchResult {
    /** The batch was full, so more rows may be waiting. */
    MORE,
    /** No unpublished row was left, or another relay holds the lock. */
    DONE,
    /** Reading, publishing or marking failed, and the batch will be retried. */
    FAILED
  }

  void onStart(@Observes StartupEvent event) {
    if (!config.enabled()) {
      log.atWarn().log("Outbox relay is disabled, so this replica publishes no outbox rows");
      return;
    }

    thread = new Thread(this::run, "outbox-relay");
    thread.setDaemon(true);
    thread.setUncaughtExceptionHandler(
        (failedThread, error) ->
            log.atError().setCause(error).log("Outbox relay stopped after an unexpected error"));
    thread.start();
  }

  void onStop(@Observes ShutdownEvent event) {
    if (thread == null) {
      return;
    }

    stopping.countDown();
    wakeUps.release();
    try {
      thread.join(config.publishTimeoutMs() + 1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    publisher.close();
  }

  /**
   * Asks the relay to publish now instead of at its next poll. Call it after the transaction that
   * wrote outbox rows has committed. It never blocks.
   */
  public void wake() {
    if (wakeUps.availablePermits() == 0) {
      wakeUps.release();
    }
  }

  private void run() {
    while (stopping.getCount() > 0) {
      BatchResult result = drain();
      refreshBacklog();
      if (result == BatchResult.FAILED) {
        sleep(backoffMs());
      } else {
        awaitWakeUp();
      }
    }
  }

  /** Publishes batches until the outbox is empty or a batch fails. */
  BatchResult drain() {
    BatchResult result = publishBatch();
    while (result == BatchResult.MORE && stopping.getCount() > 0) {
      result = publishBatch();
    }

    return result;
  }

  /** Publishes and marks one batch of the oldest unpublished rows in one transaction. */
  BatchResult publishBatch() {
    try (Connection connection = store.begin()) {
      PublishedBatch batch = publishAndCommit(connection);
      metrics.published(batch.rows(), batch.acknowledged());
      recovered();

      return batch.rows().size() == config.batchSize() ? BatchResult.MORE : BatchResult.DONE;
    } catch (SQLException | RuntimeException e) {
      failed(e);
      return BatchResult.FAILED;
    }
  }

  /** Runs the batch and commits, or rolls back, which also releases the lock, and rethrows. */
  private PublishedBatch publishAndCommit(Connection connection) throws SQLException {
    try {
      PublishedBatch batch = publishAndMark(connection);
      connection.commit();
      return batch;
    } catch (SQLException | RuntimeException e) {
      rollback(connection, e);
      throw e;
    }
  }

  private static void rollback(Connection connection, Exception failure) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  private PublishedBatch publishAndMark(Connection connection) throws SQLException {
    if (!store.tryLock(connection)) {
      log.atDebug().log("Another outbox relay holds the lock, so this one waits for its next poll");
      return PublishedBatch.EMPTY;
    }

    List<OutboxRow> rows = store.nextBatch(connection, config.batchSize());
    if (rows.isEmpty()) {
      return PublishedBatch.EMPTY;
    }

    batchStartId = rows.get(0).id();
    publisher.publish(rows);
    Instant acknowledged = Instant.now();
    store.markPublished(connection, rows);

    return new PublishedBatch(rows, acknowledged);
  }

  /** Rows that the broker acknowledged at {@code acknowledged}, marked but not yet committed. */
  private record PublishedBatch(List<OutboxRow> rows, Instant acknowledged) {
    static final PublishedBatch EMPTY = new PublishedBatch(List.of(), Instant.EPOCH);
  }

  /**
   * Returns the id of the row that Kafka rejected as too large, which blocks every later row, or 0
   * when no row is blocked.
   */
  public long blockedRowId() {
    return blockedRowId;
  }

  /**
   * Logs the first failure after a success, and later ones only at DEBUG. A row that Kafka rejects
   * as too large is logged at ERROR when it first blocks the relay.
   */
  private void failed(Exception e) {
    metrics.failed();
    failedAttempts++;
    if (e instanceof OutboxRecordTooLargeException tooLarge) {
      blocked(tooLarge);
      return;
    }
    if (failedAttempts == 1) {
      refreshBacklog();
      log.atWarn()
          .addKeyValue(LogKeys.OUTBOX_ID, batchStartId)
          .addKeyValue(LogKeys.BACKLOG, metrics.backlog())
          .addKeyValue(LogKeys.ERROR, e.toString())
          .log("Publishing the outbox failed, so the relay retries with backoff until it succeeds");
    } else {
      log.atDebug()
          .addKeyValue(LogKeys.OUTBOX_ID, batchStartId)
          .addKeyValue(LogKeys.FAILED_ATTEMPTS, failedAttempts)
          .addKeyValue(LogKeys.ERROR, e.toString())
          .log("Publishing the outbox failed again");
    }
  }

  private void blocked(OutboxRecordTooLargeException e) {
    if (blockedRowId != e.rowId()) {
      blockedRowId = e.rowId();
      metrics.blockedRow(e.rowId());
      refreshBacklog();
      log.atError()
          .addKeyValue(LogKeys.OUTBOX_ID, e.rowId())
          .addKeyValue(LogKeys.BACKLOG, metrics.backlog())
          .addKeyValue(LogKeys.ERROR, e.getCause().toString())
          .log(
              "Kafka rejects outbox row {} as too large, so no later row is published. The relay"
                  + " keeps retrying it. Raise kafka.max.request.size and the broker's"
                  + " message.max.bytes above the row's size to publish it",
              e.rowId());
    }
  }

  private void recovered() {
    if (blockedRowId != 0) {
      log.atInfo()
          .addKeyValue(LogKeys.OUTBOX_ID, blockedRowId)
          .log("The outbox row that was too large for Kafka is published");
      blockedRowId = 0;
      metrics.blockedRow(0);
    }
    if (failedAttempts > 0) {
      log.atInfo()
          .addKeyValue(LogKeys.FAILED_ATTEMPTS, failedAttempts)
          .log("Publishing the outbox succeeded again after failures");
      failedAttempts = 0;
    }
  }

  /** Returns the wait before the next retry: the initial backoff, doubled per failure, capped. */
  long backoffMs() {
    int doublings = Math.min(Math.max(failedAttempts - 1, 0), 30);
    long backoff = config.retryBackoffMs() << doublings;

    return Math.min(backoff, config.retryBackoffMaxMs());
  }

  private void refreshBacklog() {
    try {
      metrics.backlog(store.countUnpublished());
    } catch (SQLException | RuntimeException e) {
      log.atDebug().addKeyValue(LogKeys.ERROR, e.toString()).log("Counting the outbox failed");
    }
  }

  private void awaitWakeUp() {
    try {
      wakeUps.tryAcquire(config.pollIntervalMs(), TimeUnit.MILLISECONDS);
      wakeUps.drainPermits();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping.countDown();
    }
  }

  /** Waits for the backoff, ignoring wake-ups so that a burst of writes does not cut it short. */
  private void sleep(long millis) {
    try {
      stopping.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping.countDown();
    }
  }
}
