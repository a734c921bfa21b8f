package dev.custos.audit.signing;

import dev.custos.audit.AuditConfig;
import dev.custos.audit.KafkaSettings;
import dev.custos.audit.LogKeys;
import dev.custos.audit.checkpoint.Checkpoint;
import dev.custos.audit.checkpoint.NoteSigner;
import dev.custos.audit.log.AuditLog;
import dev.custos.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs a checkpoint of the committed tree at start and then every {@code checkpoint-interval} when
 * the tree grew since the latest stored checkpoint, stores it in {@code audit_checkpoints} and
 * sends it to {@code audit.log}.
 */
@ApplicationScoped
public class CheckpointScheduler {
  private static final Logger log = LoggerFactory.getLogger(CheckpointScheduler.class);

  private final AuditConfig config;
  private final AuditLog auditLog;
  private final NoteSigner signer;
  private final CheckpointStore store;
  private final CheckpointEvents events;
  private ScheduledExecutorService executor;

  CheckpointScheduler(
      AuditConfig config,
      KafkaSettings kafka,
      AuditLog auditLog,
      NoteSigner signer,
      CheckpointStore store) {
    this.config = config;
    this.auditLog = auditLog;
    this.signer = signer;
    this.store = store;
    this.events =
        new CheckpointEvents(
            kafka.producerProperties("custos-audit-checkpoints", config.outbox().publishTimeout()),
            kafka.topic(Topics.AUDIT_LOG),
            config.logOrigin(),
            config.outbox().publishTimeout());
  }

  void onStart(@Observes StartupEvent event) {
    long intervalMs = config.checkpointInterval().toMillis();
    executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "custos-audit-checkpoints");
              thread.setDaemon(true);
              return thread;
            });
    executor.scheduleWithFixedDelay(this::runOnce, 0, intervalMs, TimeUnit.MILLISECONDS);
  }

  void onStop(@Observes ShutdownEvent event) throws InterruptedException {
    if (executor != null) {
      executor.shutdownNow();
      executor.awaitTermination(5, TimeUnit.SECONDS);
    }
    events.close();
  }

  /** Returns the verifier key of the signing key, which verifies every checkpoint. */
  public String verifierKey() {
    return signer.verifier().verifierKey();
  }

  /**
   * Signs, stores and publishes a checkpoint of the committed tree, unless the latest stored
   * checkpoint already covers it. Returns the new checkpoint, or empty when there was none to make.
   */
  public synchronized Optional<StoredCheckpoint> maybeCheckpoint() {
    long size = auditLog.size();
    Optional<StoredCheckpoint> latest = store.latest();
    if (latest.isPresent() && latest.get().treeSize() >= size) {
      return Optional.empty();
    }

    // The root is computed from the stored nodes at the size read above, so the two match even
    // when an append commits in between.
    byte[] root = auditLog.tree().root(size);
    String note = new Checkpoint(config.logOrigin(), size, root).sign(List.of(signer));
    StoredCheckpoint stored = store.insert(size, root, note);
    log.atDebug().addKeyValue(LogKeys.TREE_SIZE, size).log("Checkpoint signed and stored");
    if (config.outbox().enabled()) {
      events.publish(stored);
    }
    return Optional.of(stored);
  }

  private void runOnce() {
    try {
      maybeCheckpoint();
    } catch (RuntimeException e) {
      // NOTE: a checkpoint that was stored but not sent to audit.log is not sent again; the next
      // one, of a larger tree, is. The API serves the stored one either way.
      log.atWarn()
          .setCause(e)
          .log("Signing, storing or publishing a checkpoint failed, retrying at the next interval");
    }
  }
}
