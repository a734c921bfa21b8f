package dev.custos.audit.ingest;

import dev.custos.audit.AuditConfig;
import dev.custos.audit.KafkaSettings;
import dev.custos.audit.log.AuditLog;
import dev.custos.audit.outbox.OutboxRelay;
import dev.custos.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes every topic that the log records, on a thread of its own, from startup to shutdown.
 *
 * <p>It uses a plain {@link KafkaConsumer} rather than a Reactive Messaging channel, because the
 * offsets must be committed only after the PostgreSQL transaction of the whole poll returned, and
 * one poll must become one append. Keys and values are read as bytes, so an "ingest failed" entry
 * keeps them exactly as they were sent.
 */
@ApplicationScoped
public class AuditIngest {
  /** The topics whose events the log records, without the deployment's prefix. */
  public static final List<String> SOURCE_TOPICS =
      List.of(
          Topics.REGISTRY_PUSHES,
          Topics.METADATA_OCCURRENCES,
          Topics.ADMISSION_DECISIONS,
          Topics.ADMISSION_REVOKED,
          Topics.SIGNER_OUTCOMES);

  private static final Logger log = LoggerFactory.getLogger(AuditIngest.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

  private final AuditConfig.Ingest config;
  private final KafkaSettings kafka;
  private final AuditLog auditLog;
  private final OutboxRelay outbox;
  private final IngestMetrics metrics;
  private IngestLoop loop;
  private Thread thread;

  AuditIngest(
      AuditConfig config,
      KafkaSettings kafka,
      AuditLog auditLog,
      OutboxRelay outbox,
      MeterRegistry registry) {
    this.config = config.ingest();
    this.kafka = kafka;
    this.auditLog = auditLog;
    this.outbox = outbox;
    this.metrics = new IngestMetrics(registry, kafka);
  }

  void onStart(@Observes StartupEvent event) {
    if (config.enabled()) {
      start(IngestLoop.IngestHook.NONE);
    } else {
      log.atInfo().log("Audit ingest disabled by custos.audit.ingest.enabled");
    }
  }

  void onStop(@Observes ShutdownEvent event) throws InterruptedException {
    stop();
  }

  /** Starts consuming, with a hook that runs between the append and the commit of each batch. */
  synchronized void start(IngestLoop.IngestHook hook) {
    if (thread != null && thread.isAlive()) {
      throw new IllegalStateException("the audit ingest is running already");
    }
    List<String> topics = SOURCE_TOPICS.stream().map(kafka::topic).toList();
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            consumerProperties(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    IngestLoop.Backoff backoff =
        new IngestLoop.Backoff(config.retryBackoff(), config.maxRetryBackoff());
    loop = new IngestLoop(consumer, topics, auditLog, metrics, backoff, outbox::wake, hook);
    thread = new Thread(loop, "custos-audit-ingest");
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops consuming and waits for the thread, which closes the consumer without committing. */
  synchronized void stop() throws InterruptedException {
    if (loop != null) {
      loop.stop();
      thread.join(STOP_TIMEOUT.toMillis());
      if (thread.isAlive()) {
        // Still waiting to retry an append: nothing of the batch is committed, so it may end.
        thread.interrupt();
        thread.join(STOP_TIMEOUT.toMillis());
      }
      loop = null;
      thread = null;
    }
  }

  /**
   * Returns whether the consumer thread runs. The thread ends on stop and on an unexpected error.
   */
  synchronized boolean running() {
    return thread != null && thread.isAlive();
  }

  private Map<String, Object> consumerProperties() {
    Map<String, Object> properties = kafka.clientProperties();
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
    properties.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "custos-audit-ingest");
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
    // The deployment creates the topics, with compaction where the contracts ask for it.
    properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    return properties;
  }
}
