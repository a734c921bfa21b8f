package dev.custos.signer.runner;

import dev.custos.events.EventFormatException;
import dev.custos.events.cloudevents.CloudEventKafkaCodec;
import dev.custos.events.cloudevents.ReceivedCloudEvent;
import dev.custos.events.image.ImageReference;
import dev.custos.events.image.InvalidImageReferenceException;
import dev.custos.events.metadata.OccurrenceEvent;
import dev.custos.signer.LogKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code metadata.occurrences} from its end, on every partition and without a consumer group,
 * and reports the resource URI of each occurrence change. Every replica reads every change, because
 * the change of one digest's occurrence may land on any partition, while only the replica that owns
 * the digest's push keeps it as pending.
 *
 * <p>Starting at the end loses nothing: a push that is pending after a restart is evaluated again
 * from a fresh metadata query, which includes every change before this watcher's start. Only the
 * runner's thread calls it.
 */
final class OccurrenceWatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OccurrenceWatcher.class);
  private static final Duration TOPIC_CHECK_INTERVAL = Duration.ofSeconds(5);

  /** Bounds the time the runner's thread waits for the topic's metadata, once per check. */
  private static final Duration TOPIC_LOOKUP_TIMEOUT = Duration.ofSeconds(1);

  private final KafkaConsumer<String, byte[]> consumer;
  private final String topic;
  private final CloudEventKafkaCodec codec = new CloudEventKafkaCodec();
  private boolean assigned;
  private Instant nextTopicCheck = Instant.MIN;

  OccurrenceWatcher(Map<String, Object> consumerConfig, String topic) {
    this.consumer = new KafkaConsumer<>(consumerConfig);
    this.topic = topic;
  }

  /**
   * Assigns every partition and moves to the end, once the topic exists. Returns true only on the
   * call that started reading, after which the caller evaluates every pending push again, since a
   * change may have landed between its last query and this start.
   */
  boolean start(Instant now) {
    if (assigned || now.isBefore(nextTopicCheck)) {
      return false;
    }
    nextTopicCheck = now.plus(TOPIC_CHECK_INTERVAL);
    List<PartitionInfo> partitions;
    try {
      partitions = consumer.partitionsFor(topic, TOPIC_LOOKUP_TIMEOUT);
    } catch (TimeoutException e) {
      partitions = List.of();
    }
    if (partitions == null || partitions.isEmpty()) {
      log.atDebug().addKeyValue(LogKeys.TOPIC, topic).log("Topic not found yet; checking again");
      return false;
    }

    List<TopicPartition> assignment = new ArrayList<>();
    for (PartitionInfo partition : partitions) {
      assignment.add(new TopicPartition(topic, partition.partition()));
    }
    // NOTE: partitions added to the topic later are not read until the service restarts.
    consumer.assign(assignment);
    consumer.seekToEnd(assignment);
    // position() resolves the lazy seek now, so that no change after this point is missed.
    assignment.forEach(consumer::position);
    assigned = true;
    log.atInfo()
        .addKeyValue(LogKeys.TOPIC, topic)
        .addKeyValue(LogKeys.PARTITION, assignment.size())
        .log("Reading occurrence changes from the end of the topic");
    return true;
  }

  /**
   * Polls without waiting and passes the normalized resource URI and {@code ce_id} of each change
   * to {@code changed}. Records that are not occurrence events are logged and skipped, because the
   * metadata service owns this topic and its dead letters.
   */
  void poll(BiConsumer<String, String> changed) {
    if (!assigned) {
      return;
    }
    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ZERO)) {
      if (CloudEventKafkaCodec.isTombstone(record.value())) {
        continue;
      }
      try {
        ReceivedCloudEvent event = codec.decode(record.headers(), record.value());
        if (event.data() instanceof OccurrenceEvent occurrence) {
          changed.accept(normalize(occurrence.resourceUri()), event.attributes().id());
        }
      } catch (EventFormatException e) {
        log.atWarn()
            .addKeyValue(LogKeys.TOPIC, record.topic())
            .addKeyValue(LogKeys.PARTITION, record.partition())
            .addKeyValue(LogKeys.OFFSET, record.offset())
            .addKeyValue(LogKeys.ERROR, e.getMessage())
            .log("Occurrence record skipped, because it is not a valid occurrence event");
      }
    }
  }

  /**
   * Returns the resource URI in the form the runner indexes pending pushes by, {@code
   * https://registry/repository@digest}, or the input when it is not an image URI.
   */
  static String normalize(String resourceUri) {
    try {
      return ImageReference.parseResourceUri(resourceUri).resourceUri().orElse(resourceUri);
    } catch (InvalidImageReferenceException e) {
      return resourceUri;
    }
  }

  @Override
  public void close() {
    consumer.close(Duration.ZERO);
  }
}
