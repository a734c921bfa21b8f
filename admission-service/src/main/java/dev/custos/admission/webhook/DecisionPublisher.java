package dev.custos.admission.webhook;

import dev.custos.admission.AdmissionConfig;
import dev.custos.admission.LogKeys;
import dev.custos.events.CustosEvent;
import dev.custos.events.Topics;
import dev.custos.events.admission.AdmissionDecided;
import dev.custos.events.admission.AdmittedWorkloadRevoked;
import dev.custos.events.cloudevents.CloudEventKafkaCodec;
import dev.custos.events.cloudevents.OutgoingCloudEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes decision events to {@code admission.decisions}, and revocation events to {@code
 * admission.revoked}, without slowing or failing the admission response or the cache writer: {@link
 * #offer} and {@link #offerRevoked} put the event in one bounded in-memory queue and return at
 * once, and a thread of its own drains the queue into an idempotent producer with {@code acks=all}.
 * When the queue is full, the event is dropped and counted.
 */
@ApplicationScoped
public class DecisionPublisher {
  private static final Logger log = LoggerFactory.getLogger(DecisionPublisher.class);

  static final URI SOURCE = URI.create("/custos/admission/webhook");

  private static final long POLL_TIMEOUT_MS = 200;
  private static final long FAILURE_LOG_INTERVAL = 1000;
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final BlockingQueue<CustosEvent> queue;
  private final CloudEventKafkaCodec codec = new CloudEventKafkaCodec();
  private final String bootstrapServers;
  private final String topic;
  private final String revokedTopic;
  private final Counter dropped;
  private final Counter revokedDropped;
  private final Counter failed;
  private final MeterRegistry registry;
  private final List<Meter> meters = new ArrayList<>();
  private final AtomicLong failures = new AtomicLong();

  private volatile boolean running;
  private Thread thread;

  DecisionPublisher(
      AdmissionConfig config,
      MeterRegistry registry,
      @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
          String bootstrapServers,
      @ConfigProperty(name = "custos.kafka.topic-prefix") Optional<String> topicPrefix) {
    this.queue = new ArrayBlockingQueue<>(config.decisionQueueCapacity());
    this.bootstrapServers = bootstrapServers;
    this.topic = topicPrefix.orElse("") + Topics.ADMISSION_DECISIONS;
    this.revokedTopic = topicPrefix.orElse("") + Topics.ADMISSION_REVOKED;
    this.registry = registry;
    this.dropped =
        Counter.builder("custos.admission.decision.events.dropped")
            .description("Decision events dropped because the outbound queue was full")
            .register(registry);
    this.revokedDropped =
        Counter.builder("custos.admission.revoked.events.dropped")
            .description("Revocation events dropped because the outbound queue was full")
            .register(registry);
    this.failed =
        Counter.builder("custos.admission.decision.events.failed")
            .description("Decision and revocation events that the Kafka producer failed to deliver")
            .register(registry);
    Gauge queued =
        Gauge.builder("custos.admission.decision.events.queued", queue, BlockingQueue::size)
            .description("Decision events waiting for the Kafka producer")
            .register(registry);
    meters.addAll(List.of(dropped, revokedDropped, failed, queued));
  }

  void onStart(@Observes StartupEvent event) {
    running = true;
    thread = new Thread(this::run, "custos-decision-publisher");
    thread.setDaemon(true);
    thread.start();
  }

  void onStop(@Observes ShutdownEvent event) throws InterruptedException {
    // A registry can outlive the application (Quarkus tests restart it in one JVM).
    meters.forEach(registry::remove);
    running = false;
    if (thread != null) {
      thread.join(Duration.ofSeconds(5).toMillis());
    }
  }

  /**
   * Queues {@code event} for publication and returns at once: false, after counting a drop, when
   * the queue is full.
   */
  public boolean offer(AdmissionDecided event) {
    if (queue.offer(event)) {
      return true;
    }
    dropped.increment();
    return false;
  }

  /**
   * Queues a revocation event for {@code admission.revoked} and returns at once: false, after
   * counting a drop, when the queue is full.
   */
  public boolean offerRevoked(AdmittedWorkloadRevoked event) {
    if (queue.offer(event)) {
      return true;
    }
    revokedDropped.increment();
    return false;
  }

  private void run() {
    KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(properties(), new StringSerializer(), new ByteArraySerializer());
    try {
      while (running || !queue.isEmpty()) {
        CustosEvent event = queue.poll(POLL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        if (event != null) {
          send(producer, event);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.atError()
          .addKeyValue(LogKeys.TOPIC, topic)
          .setCause(e)
          .log("Decision publisher stopped; decisions are no longer published");
    } finally {
      producer.close(CLOSE_TIMEOUT);
    }
  }

  private void send(KafkaProducer<String, byte[]> producer, CustosEvent event) {
    OutgoingCloudEvent outgoing;
    try {
      outgoing = codec.encode(event, SOURCE);
    } catch (RuntimeException e) {
      recordFailure(event, null, e);
      return;
    }
    ProducerRecord<String, byte[]> record = outgoing.toProducerRecord(topicOf(event));
    String ceId = outgoing.attributes().id();
    try {
      producer.send(
          record,
          (RecordMetadata metadata, Exception e) -> {
            if (e != null) {
              recordFailure(event, ceId, e);
            }
          });
    } catch (RuntimeException e) {
      recordFailure(event, ceId, e);
    }
  }

  private String topicOf(CustosEvent event) {
    return event instanceof AdmittedWorkloadRevoked ? revokedTopic : topic;
  }

  private static String requestUidOf(CustosEvent event) {
    if (event instanceof AdmissionDecided decided) {
      return decided.requestUid();
    }
    if (event instanceof AdmittedWorkloadRevoked revoked) {
      return revoked.admissionRequestUid();
    }
    return null;
  }

  /** Counts a failed delivery, and logs the first and then every thousandth. */
  private void recordFailure(CustosEvent event, String ceId, Exception e) {
    failed.increment();
    long count = failures.incrementAndGet();
    if (count % FAILURE_LOG_INTERVAL != 1) {
      return;
    }
    log.atWarn()
        .addKeyValue(LogKeys.TOPIC, topicOf(event))
        .addKeyValue(LogKeys.UID, requestUidOf(event))
        .addKeyValue(LogKeys.CE_ID, ceId)
        .addKeyValue(LogKeys.COUNT, count)
        .setCause(e)
        .log("Publishing an admission event failed");
  }

  private Properties properties() {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ProducerConfig.CLIENT_ID_CONFIG, "custos-admission-decisions");
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    return properties;
  }
}
