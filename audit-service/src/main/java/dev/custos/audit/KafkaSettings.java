package dev.custos.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Kafka client settings of the service: every {@code kafka.*} property without its prefix
 * (bootstrap servers, security settings), and the prefix of every topic name.
 */
@ApplicationScoped
public class KafkaSettings {
  private static final String PREFIX = "kafka.";

  private final Map<String, Object> clientProperties = new HashMap<>();
  private final String topicPrefix;

  @Inject
  KafkaSettings(
      Config config,
      @ConfigProperty(name = "custos.kafka.topic-prefix") Optional<String> topicPrefix) {
    for (String name : config.getPropertyNames()) {
      if (name.startsWith(PREFIX)) {
        config
            .getOptionalValue(name, String.class)
            .ifPresent(value -> clientProperties.put(name.substring(PREFIX.length()), value));
      }
    }
    this.topicPrefix = topicPrefix.orElse("");
  }

  /** Creates the settings from the client properties and the topic prefix given. */
  public KafkaSettings(Map<String, Object> clientProperties, String topicPrefix) {
    this.clientProperties.putAll(clientProperties);
    this.topicPrefix = topicPrefix;
  }

  /** Returns a new, mutable copy of the client properties, for one consumer or producer. */
  public Map<String, Object> clientProperties() {
    return new HashMap<>(clientProperties);
  }

  /**
   * Returns the properties of an idempotent producer ({@code enable.idempotence}, {@code acks=all})
   * of string keys and byte values, whose own retries neither lose, double nor reorder records, and
   * whose sends give up after {@code timeout}.
   */
  public Map<String, Object> producerProperties(String clientId, Duration timeout) {
    Map<String, Object> properties = clientProperties();
    int timeoutMs = (int) Math.min(timeout.toMillis(), Integer.MAX_VALUE);
    properties.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (long) timeoutMs);
    properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs);
    // delivery.timeout.ms must be at least linger.ms + request.timeout.ms.
    properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeoutMs, 30_000));
    return properties;
  }

  /** Returns the name that this deployment uses for the topic {@code name}. */
  public String topic(String name) {
    return topicPrefix + name;
  }

  /** Returns the topic name without the deployment's prefix. */
  public String unprefixed(String topic) {
    return topic.startsWith(topicPrefix) ? topic.substring(topicPrefix.length()) : topic;
  }
}
