package dev.custos.signer.runner;

import dev.custos.embedded.EmbeddedServers;
import dev.custos.events.Topics;
import dev.custos.events.cloudevents.CloudEventKafkaCodec;
import dev.custos.events.cloudevents.ReceivedCloudEvent;
import dev.custos.events.registry.ImagePushed;
import dev.custos.signer.SignerConfig;
import dev.custos.signer.metadata.MetadataClient;
import dev.custos.signer.pushes.PushEventIds;
import dev.custos.signer.signing.ConfiguredKeys;
import dev.custos.signer.workflow.WorkflowRule;
import dev.custos.signer.workflow.WorkflowRules;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One test's topics (a prefix of their own on the shared embedded broker), its metadata-service
 * contract server, and runners built from plain objects as the service builds them.
 */
final class RunnerFixture implements AutoCloseable {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  static final String AUTHORITY = "projects/custos/notes/release";
  static final String KEY_NAME = "release-ec";

  final String bootstrapServers;
  final String prefix;
  final String groupId;
  final GrafeasContractServer metadata;
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final KafkaProducer<String, byte[]> producer;
  private final List<PushRunner> runners = new ArrayList<>();
  private final List<KafkaProducer<String, byte[]>> runnerProducers = new ArrayList<>();
  private final CloudEventKafkaCodec codec = new CloudEventKafkaCodec();

  RunnerFixture(int metadataPageSize) throws IOException {
    bootstrapServers = EmbeddedServers.shared().kafka().bootstrapServers();
    prefix =
        "runner"
            + COUNTER.incrementAndGet()
            + "-"
            + UUID.randomUUID().toString().substring(0, 8)
            + ".";
    groupId = prefix + "signer";
    metadata = new GrafeasContractServer(bootstrapServers, prefix, metadataPageSize);
    metadata.addNote(AUTHORITY);
    producer = new KafkaProducer<>(producerProperties());
  }

  /** Creates the push topic with {@code partitions} partitions before anything uses it. */
  void createPushTopic(int partitions) throws Exception {
    Properties properties = new Properties();
    properties.put("bootstrap.servers", bootstrapServers);
    try (Admin admin = Admin.create(properties)) {
      admin
          .createTopics(List.of(new NewTopic(topic(Topics.REGISTRY_PUSHES), partitions, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  String topic(String name) {
    return prefix + name;
  }

  /** Builds a runner for {@code rules} signing with the key at {@code keyFile}, and starts it. */
  PushRunner startRunner(Path keyFile, Duration reevaluationWindow, WorkflowRule... rules) {
    WorkflowRules workflowRules = WorkflowRules.of(List.of(rules));
    SigningWorkflow workflow = workflow(keyFile, workflowRules);
    KafkaProducer<String, byte[]> runnerProducer = new KafkaProducer<>(producerProperties());
    runnerProducers.add(runnerProducer);
    PushRunner runner =
        new PushRunner(
            new PushRunner.Settings(
                prefix,
                groupId,
                Duration.ofMillis(100),
                Duration.ofMillis(400),
                reevaluationWindow),
            Map.of(
                "bootstrap.servers", bootstrapServers,
                "session.timeout.ms", 10_000,
                "heartbeat.interval.ms", 500),
            workflowRules,
            workflow,
            new RecordSender(runnerProducer, Duration.ofSeconds(10)),
            new RunnerMetrics(meters),
            Clock.systemUTC());
    runners.add(runner);
    runner.start();
    return runner;
  }

  SigningWorkflow workflow(Path keyFile, WorkflowRules rules) {
    ConfiguredKeys keys =
        ConfiguredKeys.load(Map.of(KEY_NAME, pkixKey(keyFile)), rules, name -> null);
    MetadataClient client =
        new MetadataClient(metadata.url(), GrafeasContractServer.TOKEN, 100, Duration.ofSeconds(5));
    return new SigningWorkflow(
        client, List.of("scanner"), keys, "custos-signer test", Clock.systemUTC());
  }

  static SignerConfig.Key pkixKey(Path keyFile) {
    return new TestKey(
        AUTHORITY,
        SignerConfig.KeyFormat.PKIX,
        new TestSecret(Optional.empty(), Optional.of(keyFile), Optional.empty()),
        new TestSecret(Optional.empty(), Optional.empty(), Optional.empty()),
        Optional.empty());
  }

  record TestSecret(Optional<String> env, Optional<Path> file, Optional<String> value)
      implements SignerConfig.SecretReference {}

  record TestKey(
      String authority,
      SignerConfig.KeyFormat format,
      SignerConfig.SecretReference privateKey,
      SignerConfig.SecretReference passphrase,
      Optional<String> fingerprint)
      implements SignerConfig.Key {}

  static ImagePushed push(String repository, String tag, String digest, String eventId) {
    return push(repository, tag, digest, eventId, List.of());
  }

  static ImagePushed push(
      String repository, String tag, String digest, String eventId, List<String> platforms) {
    String mediaType =
        platforms.isEmpty()
            ? "application/vnd.oci.image.manifest.v1+json"
            : "application/vnd.oci.image.index.v1+json";
    return new ImagePushed(
        "localhost:5000",
        repository,
        tag,
        digest,
        mediaType,
        1234,
        Instant.now(),
        "ci",
        eventId,
        platforms);
  }

  /** Publishes a push as the webhook endpoint does, with its name-based {@code ce_id}. */
  void publish(ImagePushed push) throws Exception {
    String id = PushEventIds.eventId("dev", push.registryEventId());
    send(
        codec
            .encode(push, PushEventIds.source("dev"), null, id, push.pushedAt())
            .toProducerRecord(topic(Topics.REGISTRY_PUSHES)));
  }

  void send(ProducerRecord<String, byte[]> record) throws Exception {
    producer.send(record).get(10, TimeUnit.SECONDS);
  }

  /** Reads every record of a topic from the beginning, for the checks. */
  List<ConsumerRecord<String, byte[]>> readAll(String name) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    properties.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic(name), Duration.ofSeconds(5)).stream()
              .map(info -> new TopicPartition(info.topic(), info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
          && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  /** Decodes the events on {@code signer.outcomes}. */
  List<ReceivedCloudEvent> outcomes() {
    return readAll(Topics.SIGNER_OUTCOMES).stream()
        .map(record -> codec.decode(record.headers(), record.value()))
        .toList();
  }

  /** Returns the group's committed offset on each push partition that has one. */
  Map<TopicPartition, OffsetAndMetadata> committedOffsets() throws Exception {
    Properties properties = new Properties();
    properties.put("bootstrap.servers", bootstrapServers);
    try (Admin admin = Admin.create(properties)) {
      return admin
          .listConsumerGroupOffsets(groupId)
          .partitionsToOffsetAndMetadata()
          .get(10, TimeUnit.SECONDS);
    }
  }

  /** Returns the end offset of each push partition. */
  Map<TopicPartition, Long> pushEndOffsets() {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    properties.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic(Topics.REGISTRY_PUSHES), Duration.ofSeconds(5)).stream()
              .map(info -> new TopicPartition(info.topic(), info.partition()))
              .toList();
      return consumer.endOffsets(partitions);
    }
  }

  private Properties producerProperties() {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return properties;
  }

  @Override
  public void close() throws Exception {
    for (PushRunner runner : runners) {
      runner.stop(Duration.ofSeconds(10));
    }
    runnerProducers.forEach(KafkaProducer::close);
    producer.close();
    metadata.close();
  }
}
