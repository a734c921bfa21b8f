package dev.custos.admission.cache;

import dev.custos.admission.LogKeys;
import dev.custos.events.CustosEvent;
import dev.custos.events.EventFormatException;
import dev.custos.events.Topics;
import dev.custos.events.cloudevents.CloudEventKafkaCodec;
import dev.custos.events.cloudevents.ReceivedCloudEvent;
import dev.custos.events.metadata.OccurrenceDeleted;
import dev.custos.events.metadata.OccurrenceEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code metadata.attestations} from the beginning at every start into the {@link
 * VerifiedDigestCache}, on a thread of its own. It assigns itself every partition and commits no
 * offset, so each replica reads everything. A record that it cannot decode is counted and skipped:
 * a skipped record can only withhold an attestation, never admit an image.
 */
@ApplicationScoped
public class AttestationConsumer {
  private static final Logger log = LoggerFactory.getLogger(AttestationConsumer.class);

  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration RETRY_DELAY = Duration.ofSeconds(1);

  private final VerifiedDigestCache cache;
  private final CloudEventKafkaCodec codec = new CloudEventKafkaCodec();
  private final String bootstrapServers;
  private final String topic;
  private final Counter undecodable;
  private final MeterRegistry registry;
  private final List<Meter> meters = new ArrayList<>();
  private final Set<String> loggedReasons = ConcurrentHashMap.newKeySet();

  private volatile boolean running;
  private volatile boolean caughtUp;
  private volatile long lag = -1;
  private volatile String state = "not started";
  private volatile KafkaConsumer<String, byte[]> consumer;
  private Thread thread;

  AttestationConsumer(
      VerifiedDigestCache cache,
      MeterRegistry registry,
      @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
          String bootstrapServers,
      @ConfigProperty(name = "custos.kafka.topic-prefix") Optional<String> topicPrefix) {
    this.cache = cache;
    this.bootstrapServers = bootstrapServers;
    this.topic = topicPrefix.orElse("") + Topics.METADATA_ATTESTATIONS;
    this.registry = registry;
    this.undecodable =
        Counter.builder("custos.admission.attestations.undecodable")
            .description("Records of metadata.attestations skipped because they cannot be decoded")
            .register(registry);
    meters.add(undecodable);
    meters.add(
        FunctionCounter.builder(
                "custos.admission.attestations.mismatched",
                cache,
                VerifiedDigestCache::mismatchedCount)
            .description(
                "Attestation events whose resourceUri, occurrenceName or noteName differs from the"
                    + " occurrence they carry; such an event counts for no image")
            .register(registry));
    meters.add(
        Gauge.builder("custos.admission.attestations.lag", this, AttestationConsumer::lag)
            .description("Records of metadata.attestations not read yet, -1 before the first poll")
            .register(registry));
    meters.add(
        Gauge.builder("custos.admission.attestations.caught.up", this, c -> c.caughtUp ? 1 : 0)
            .description("1 once the consumer has read up to the end offsets it saw at start")
            .register(registry));
    meters.add(
        Gauge.builder("custos.admission.cache.digests", cache, VerifiedDigestCache::digestCount)
            .description("Digests with at least one verified attestor")
            .register(registry));
    meters.add(
        Gauge.builder(
                "custos.admission.cache.occurrences", cache, VerifiedDigestCache::occurrenceCount)
            .description("Attestation occurrences kept, verified or not")
            .register(registry));
  }

  void onStart(@Observes StartupEvent event) {
    running = true;
    thread = new Thread(this::run, "custos-attestations-consumer");
    thread.setDaemon(true);
    thread.start();
  }

  void onStop(@Observes ShutdownEvent event) throws InterruptedException {
    // A registry can outlive the application (Quarkus tests restart it in one JVM), and a gauge
    // left behind would keep reading this stopped instance.
    meters.forEach(registry::remove);
    running = false;
    KafkaConsumer<String, byte[]> current = consumer;
    if (current != null) {
      current.wakeup();
    }
    if (thread != null) {
      thread.join(Duration.ofSeconds(5).toMillis());
    }
  }

  /** Returns whether the consumer has read up to the end offsets it saw at start. */
  public boolean caughtUp() {
    return caughtUp;
  }

  /** Returns what the consumer is doing, for the readiness check. */
  public String state() {
    return state;
  }

  public String topic() {
    return topic;
  }

  double lag() {
    return lag;
  }

  private void run() {
    try (KafkaConsumer<String, byte[]> kafka =
        new KafkaConsumer<>(properties(), new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer = kafka;
      List<TopicPartition> partitions = awaitPartitions(kafka);
      if (partitions.isEmpty()) {
        state = "stopped";
        return;
      }
      kafka.assign(partitions);
      kafka.seekToBeginning(partitions);
      Map<TopicPartition, Long> endOffsets = kafka.endOffsets(partitions);
      CatchUpTracker tracker = new CatchUpTracker(endOffsets);
      long startNanos = System.nanoTime();
      state = "catching up to end offsets " + endOffsets.values();
      log.atInfo()
          .addKeyValue(LogKeys.TOPIC, topic)
          .addKeyValue(LogKeys.COUNT, partitions.size())
          .log("Reading attestations from the beginning, up to end offsets {}", endOffsets);

      while (running) {
        pollOnce(kafka, partitions, tracker, startNanos);
      }
      state = "stopped";
    } catch (WakeupException e) {
      if (running) {
        fail(e);
      }
    } catch (RuntimeException e) {
      fail(e);
    } finally {
      consumer = null;
    }
  }

  /** Stops updating the cache, and reports not ready, because a stale cache must not serve. */
  private void fail(RuntimeException e) {
    caughtUp = false;
    state = "failed: " + e;
    log.atError()
        .addKeyValue(LogKeys.TOPIC, topic)
        .setCause(e)
        .log("Attestation consumer stopped; the service reports not ready");
  }

  private void pollOnce(
      KafkaConsumer<String, byte[]> kafka,
      List<TopicPartition> partitions,
      CatchUpTracker tracker,
      long startNanos) {
    try {
      ConsumerRecords<String, byte[]> records = kafka.poll(POLL_TIMEOUT);
      for (ConsumerRecord<String, byte[]> record : records) {
        apply(record);
      }
      updateLag(kafka, partitions);
      if (!caughtUp && tracker.update(kafka::position)) {
        caughtUp = true;
        state = "caught up";
        log.atInfo()
            .addKeyValue(LogKeys.TOPIC, topic)
            .addKeyValue(LogKeys.COUNT, cache.occurrenceCount())
            .addKeyValue(LogKeys.ELAPSED_MS, (System.nanoTime() - startNanos) / 1_000_000)
            .log("Attestation cache caught up");
      }
    } catch (WakeupException e) {
      throw e;
    } catch (KafkaException e) {
      // The consumer keeps its positions, so the next poll resumes where this one stopped.
      log.atWarn().addKeyValue(LogKeys.TOPIC, topic).setCause(e).log("Polling attestations failed");
      sleep(RETRY_DELAY);
    }
  }

  /** Applies one record to the cache. A record that fails is counted and skipped. */
  void apply(ConsumerRecord<String, byte[]> record) {
    if (CloudEventKafkaCodec.isTombstone(record.value())) {
      if (record.key() != null) {
        cache.remove(record.key());
      }
      return;
    }

    ReceivedCloudEvent event;
    try {
      event = codec.decode(record.headers(), record.value());
    } catch (EventFormatException e) {
      skip(record, null, e.getMessage());
      return;
    } catch (RuntimeException e) {
      skip(record, null, "decoding it failed: " + e);
      return;
    }

    CustosEvent data = event.data();
    try {
      if (data instanceof OccurrenceDeleted deleted) {
        cache.remove(deleted.occurrenceName());
      } else if (data instanceof OccurrenceEvent occurrence) {
        cache.put(occurrence);
      } else {
        skip(record, event.attributes().id(), "unexpected event type " + event.attributes().type());
      }
    } catch (RuntimeException e) {
      skip(record, event.attributes().id(), "applying it failed: " + e);
    }
  }

  private void skip(ConsumerRecord<String, byte[]> record, String ceId, String reason) {
    undecodable.increment();
    // Each distinct reason is logged once at WARN, so a flood of bad records cannot flood the log.
    boolean first = loggedReasons.add(reason);
    var event = first ? log.atWarn() : log.atDebug();
    event
        .addKeyValue(LogKeys.TOPIC, record.topic())
        .addKeyValue(LogKeys.PARTITION, record.partition())
        .addKeyValue(LogKeys.OFFSET, record.offset())
        .addKeyValue(LogKeys.CE_ID, ceId)
        .log("Attestation record skipped: {}", reason);
  }

  private List<TopicPartition> awaitPartitions(KafkaConsumer<String, byte[]> kafka) {
    boolean warned = false;
    while (running) {
      try {
        List<PartitionInfo> infos = kafka.partitionsFor(topic, METADATA_TIMEOUT);
        if (infos != null && !infos.isEmpty()) {
          return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        }
        state = "topic " + topic + " not found";
      } catch (KafkaException e) {
        state = "cannot read the partitions of " + topic + ": " + e.getMessage();
      }
      if (!warned) {
        warned = true;
        log.atWarn()
            .addKeyValue(LogKeys.TOPIC, topic)
            .log("Waiting for the attestation topic; the service stays not ready: {}", state);
      }
      sleep(RETRY_DELAY);
    }
    return List.of();
  }

  private void updateLag(KafkaConsumer<String, byte[]> kafka, List<TopicPartition> partitions) {
    long total = 0;
    for (TopicPartition partition : partitions) {
      var partitionLag = kafka.currentLag(partition);
      if (partitionLag.isEmpty()) {
        return;
      }
      total += partitionLag.getAsLong();
    }
    lag = total;
  }

  private Properties properties() {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "custos-admission-attestations");
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    return properties;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
