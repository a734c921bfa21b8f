package dev.custos.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
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

  /** Returns the name that this deployment uses for the topic {@code name}. */
  public String topic(String name) {
    return topicPrefix + name;
  }

  /** Returns the topic name without the deployment's prefix. */
  public String unprefixed(String topic) {
    return topic.startsWith(topicPrefix) ? topic.substring(topicPrefix.length()) : topic;
  }
}
