package dev.custos.metadata.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads every record of a topic, from the beginning up to the end offsets at the time of the call.
 */
final class TopicReader {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private TopicReader() {}

  /** Returns the topic's records in offset order, or none when the topic has no partition yet. */
  static List<ConsumerRecord<String, byte[]>> readAll(String bootstrapServers, String topic) {
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(properties(bootstrapServers))) {
      List<PartitionInfo> partitions = consumer.partitionsFor(topic, TIMEOUT);
      List<TopicPartition> assigned =
          partitions.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
      consumer.assign(assigned);
      consumer.seekToBeginning(assigned);
      Map<TopicPartition, Long> endOffsets = consumer.endOffsets(assigned, TIMEOUT);

      return pollUntil(consumer, endOffsets);
    }
  }

  /** Returns the records of {@code topic} whose key is {@code key}, in offset order. */
  static List<ConsumerRecord<String, byte[]>> readKey(
      String bootstrapServers, String topic, String key) {
    return readAll(bootstrapServers, topic).stream()
        .filter(record -> key.equals(record.key()))
        .toList();
  }

  /** Returns the UTF-8 value of the record's last header {@code name}, or null when absent. */
  static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);

    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static List<ConsumerRecord<String, byte[]>> pollUntil(
      KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> endOffsets) {
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!reachedEnd(consumer, endOffsets)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Reading to the end offsets " + endOffsets + " timed out");
      }
      consumer.poll(Duration.ofMillis(200)).forEach(records::add);
    }

    return records;
  }

  private static boolean reachedEnd(
      KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> endOffsets) {
    for (Map.Entry<TopicPartition, Long> end : endOffsets.entrySet()) {
      if (consumer.position(end.getKey()) < end.getValue()) {
        return false;
      }
    }

    return true;
  }

  private static Properties properties(String bootstrapServers) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    properties.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");

    return properties;
  }
}
