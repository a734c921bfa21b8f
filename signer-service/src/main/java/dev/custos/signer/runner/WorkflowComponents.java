package dev.custos.signer.runner;

import dev.custos.signer.LogKeys;
import dev.custos.signer.SignerConfig;
import dev.custos.signer.metadata.MetadataClient;
import dev.custos.signer.signing.ConfiguredKeys;
import dev.custos.signer.webhook.SecretReferences;
import dev.custos.signer.workflow.WorkflowRules;
import dev.custos.signer.workflow.WorkflowRulesConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workflow rules, signing keys, metadata client and outcome producer, built once from the
 * configuration, and the {@link PushRunner} that this replica starts at startup unless {@code
 * custos.signer.runner.enabled} is false.
 */
@ApplicationScoped
public class WorkflowComponents {
  private static final Logger log = LoggerFactory.getLogger(WorkflowComponents.class);

  private final SignerConfig config;
  private final String topicPrefix;
  private final Map<String, Object> kafkaConfig;
  private final WorkflowRules rules;
  private final ConfiguredKeys keys;
  private final SigningWorkflow workflow;
  private final KafkaProducer<String, byte[]> producer;
  private final RecordSender sender;
  private final RunnerMetrics metrics;
  private volatile PushRunner runner;

  WorkflowComponents(
      SignerConfig config,
      @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
      MeterRegistry meterRegistry,
      @ConfigProperty(name = "custos.kafka.topic-prefix") Optional<String> topicPrefix,
      @ConfigProperty(name = "quarkus.application.name") String serviceName,
      @ConfigProperty(name = "quarkus.application.version") String serviceVersion) {
    this.config = config;
    this.topicPrefix = topicPrefix.orElse("");
    this.kafkaConfig = Map.copyOf(kafkaConfig);
    this.rules = WorkflowRulesConfig.fromConfig(config.workflows());
    this.keys = ConfiguredKeys.load(config.keys(), rules, System::getenv);
    this.workflow =
        new SigningWorkflow(
            metadataClient(config.metadata(), rules),
            config.metadata().projects().orElse(List.of()),
            keys,
            serviceName + " " + serviceVersion,
            Clock.systemUTC());
    this.producer = new KafkaProducer<>(producerConfig(kafkaConfig, config.publishTimeout()));
    this.sender = new RecordSender(producer, config.publishTimeout());
    this.metrics = new RunnerMetrics(meterRegistry);
  }

  void onStart(@Observes StartupEvent event) {
    if (!config.runner().enabled()) {
      log.atWarn().log("Workflow runner disabled by custos.signer.runner.enabled=false");
      return;
    }
    SignerConfig.Runner settings = config.runner();
    runner =
        new PushRunner(
            new PushRunner.Settings(
                topicPrefix,
                settings.groupId(),
                settings.retryBackoff(),
                settings.retryBackoffMax(),
                settings.reevaluationWindow()),
            kafkaConfig,
            rules,
            workflow,
            sender,
            metrics,
            Clock.systemUTC());
    runner.start();
    log.atInfo()
        .addKeyValue(LogKeys.GROUP_ID, settings.groupId())
        .addKeyValue(LogKeys.METADATA_URL, config.metadata().url().toString())
        .addKeyValue(LogKeys.KEY_COUNT, keys.size())
        .log("Workflow runner starting");
  }

  void onStop(@Observes ShutdownEvent event) throws InterruptedException {
    if (runner != null) {
      runner.stop(Duration.ofSeconds(10));
    }
    producer.close(Duration.ofSeconds(5));
  }

  /** Returns whether this replica is configured to run workflows. */
  public boolean runnerEnabled() {
    return config.runner().enabled();
  }

  /** Returns whether the runner's thread is alive, false before the start or after a stop. */
  public boolean runnerRunning() {
    return runner != null && runner.isAlive();
  }

  public WorkflowRules rules() {
    return rules;
  }

  public SigningWorkflow workflow() {
    return workflow;
  }

  public RecordSender sender() {
    return sender;
  }

  public RunnerMetrics metrics() {
    return metrics;
  }

  /** Returns the name of {@code signer.outcomes} with the configured topic prefix. */
  public String outcomesTopic() {
    return topicPrefix + dev.custos.events.Topics.SIGNER_OUTCOMES;
  }

  private static MetadataClient metadataClient(
      SignerConfig.Metadata metadata, WorkflowRules rules) {
    String property = "custos.signer.metadata.token";
    SignerConfig.SecretReference reference = metadata.token();
    boolean tokenConfigured =
        reference.env().isPresent()
            || reference.file().isPresent()
            || reference.value().isPresent();
    String token = null;
    if (tokenConfigured || rules.size() > 0) {
      token = SecretReferences.read(reference, property, System::getenv);
    }
    if (metadata.pageSize() < 1) {
      throw new IllegalStateException(
          "custos.signer.metadata.page-size must be at least 1, but is " + metadata.pageSize());
    }
    Duration timeout = metadata.requestTimeout();
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalStateException(
          "custos.signer.metadata.request-timeout must be positive, but is " + timeout);
    }
    return new MetadataClient(metadata.url(), token, metadata.pageSize(), timeout);
  }

  private static Map<String, Object> producerConfig(Map<String, Object> kafka, Duration timeout) {
    Map<String, Object> config = new HashMap<>(kafka);
    config.keySet().removeIf(key -> key.startsWith("key.") || key.startsWith("value."));
    config.remove("group.id");
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
    return config;
  }
}
