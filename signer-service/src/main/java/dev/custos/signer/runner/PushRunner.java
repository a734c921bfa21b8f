package dev.custos.signer.runner;

import dev.custos.events.EventFormatException;
import dev.custos.events.Topics;
import dev.custos.events.cloudevents.CloudEventKafkaCodec;
import dev.custos.events.cloudevents.ReceivedCloudEvent;
import dev.custos.events.image.ImageReference;
import dev.custos.events.image.InvalidImageReferenceException;
import dev.custos.events.registry.ImagePushed;
import dev.custos.events.signer.ImageSigned;
import dev.custos.events.signer.SigningRefused;
import dev.custos.signer.LogKeys;
import dev.custos.signer.metadata.MetadataServiceException;
import dev.custos.signer.runner.RecordSender.RecordSendException;
import dev.custos.signer.runner.RunnerMetrics.PushAction;
import dev.custos.signer.workflow.WorkflowRule;
import dev.custos.signer.workflow.WorkflowRules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes {@code registry.pushes} in a consumer group and runs the matching workflow of each push
 * on one thread of its own.
 *
 * <ul>
 *   <li>Pushes are keyed by digest, so each digest belongs to one partition, and the group gives
 *       each partition to one replica. All runs for a digest therefore happen on one thread.
 *   <li>A push stays pending while its workflow waits for a scan, retries after a failure, or is
 *       refused within the re-evaluation window. The committed offset of a partition never passes
 *       its oldest pending push, so a restart consumes that push again and resumes it.
 *   <li>{@code metadata.occurrences} changes about a pending push's resource run its workflow
 *       again. A push redelivered while pending does the same.
 *   <li>A record that cannot be decoded goes to {@code registry.pushes.dlq} with the error in its
 *       headers, and the offset moves on.
 *   <li>An index push is followed by one push per platform manifest it lists, keyed by that
 *       manifest's digest, so that each manifest's workflow runs on the partition that owns it.
 * </ul>
 */
public final class PushRunner implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(PushRunner.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
  private static final int COMPLETED_IDS_KEPT = 10_000;

  /** Settings of one runner. */
  public record Settings(
      String topicPrefix,
      String groupId,
      Duration retryBackoff,
      Duration retryBackoffMax,
      Duration reevaluationWindow) {
    public Settings {
      Objects.requireNonNull(topicPrefix, "topicPrefix");
      Objects.requireNonNull(groupId, "groupId");
      requirePositive(retryBackoff, "retryBackoff");
      requirePositive(retryBackoffMax, "retryBackoffMax");
      requirePositive(reevaluationWindow, "reevaluationWindow");
    }

    private static void requirePositive(Duration value, String name) {
      if (value == null || value.isZero() || value.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive, but is " + value);
      }
    }
  }

  private final Settings settings;
  private final Map<String, Object> kafkaConfig;
  private final WorkflowRules rules;
  private final SigningWorkflow workflow;
  private final RecordSender sender;
  private final RunnerMetrics metrics;
  private final Clock clock;
  private final CloudEventKafkaCodec codec = new CloudEventKafkaCodec();

  private final String pushesTopic;
  private final String deadLetterTopic;
  private final String outcomesTopic;
  private final String occurrencesTopic;

  private final PartitionOffsets offsets = new PartitionOffsets();
  private final Map<String, PendingPush> pendingByKey = new LinkedHashMap<>();
  private final Map<String, Set<PendingPush>> pendingByResource = new HashMap<>();
  private final Set<String> completedEventIds = BoundedSet.create(COMPLETED_IDS_KEPT);
  private final Map<TopicPartition, Instant> pausedUntil = new HashMap<>();

  private volatile boolean running = true;
  private volatile boolean halted;
  private volatile Thread thread;
  private KafkaConsumer<String, byte[]> pushes;
  private OccurrenceWatcher occurrences;

  public PushRunner(
      Settings settings,
      Map<String, Object> kafkaConfig,
      WorkflowRules rules,
      SigningWorkflow workflow,
      RecordSender sender,
      RunnerMetrics metrics,
      Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.kafkaConfig = Map.copyOf(kafkaConfig);
    this.rules = Objects.requireNonNull(rules, "rules");
    this.workflow = Objects.requireNonNull(workflow, "workflow");
    this.sender = Objects.requireNonNull(sender, "sender");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.pushesTopic = settings.topicPrefix() + Topics.REGISTRY_PUSHES;
    this.deadLetterTopic = Topics.deadLetter(pushesTopic);
    this.outcomesTopic = settings.topicPrefix() + Topics.SIGNER_OUTCOMES;
    this.occurrencesTopic = settings.topicPrefix() + Topics.METADATA_OCCURRENCES;
  }

  /** Starts the runner on a thread of its own and returns it. */
  public Thread start() {
    Thread started = new Thread(this, "signer-workflow-runner");
    thread = started;
    started.start();
    return started;
  }

  /** Returns whether the runner's thread is alive. */
  public boolean isAlive() {
    Thread current = thread;
    return current != null && current.isAlive();
  }

  /**
   * Stops after the current step, commits the offsets of what is durable and leaves the group, so
   * that another replica takes the partitions over at once.
   */
  public void stop(Duration timeout) throws InterruptedException {
    running = false;
    KafkaConsumer<String, byte[]> consumer = pushes;
    if (consumer != null) {
      consumer.wakeup();
    }
    Thread current = thread;
    if (current != null) {
      current.join(timeout.toMillis());
    }
  }

  /**
   * Stops at once, in the middle of a workflow if one runs, without publishing or committing
   * anything more, as a killed process would. For tests of the recovery after a crash.
   */
  public void halt(Duration timeout) throws InterruptedException {
    halted = true;
    running = false;
    Thread current = thread;
    if (current != null) {
      current.interrupt();
      current.join(timeout.toMillis());
    }
  }

  @Override
  public void run() {
    try {
      pushes = new KafkaConsumer<>(consumerConfig(settings.groupId()));
      occurrences = new OccurrenceWatcher(consumerConfig(null), occurrencesTopic);
      pushes.subscribe(List.of(pushesTopic), new Rebalance());
      log.atInfo()
          .addKeyValue(LogKeys.TOPIC, pushesTopic)
          .addKeyValue(LogKeys.WORKFLOW_COUNT, rules.size())
          .log("Workflow runner started");
      while (running) {
        try {
          step();
        } catch (WakeupException | InterruptException e) {
          throw e;
        } catch (KafkaException e) {
          // A failed commit or fetch loses nothing, because uncommitted pushes are consumed again.
          log.atWarn()
              .addKeyValue(LogKeys.ERROR, e.toString())
              .log("Kafka call of the workflow runner failed; continuing after a backoff");
          Thread.sleep(settings.retryBackoff().toMillis());
        }
      }
      commit();
    } catch (WakeupException | InterruptException e) {
      if (!halted) {
        commit();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.atError().setCause(e).log("Workflow runner stopped by an unexpected error");
    } finally {
      closeQuietly();
      log.atInfo().addKeyValue(LogKeys.HALTED, halted).log("Workflow runner stopped");
    }
  }

  private void step() {
    Instant now = clock.instant();
    resumeDuePartitions(now);
    Set<TopicPartition> failedPartitions = new HashSet<>();
    for (ConsumerRecord<String, byte[]> record : pushes.poll(POLL_TIMEOUT)) {
      TopicPartition partition = new TopicPartition(record.topic(), record.partition());
      if (halted || failedPartitions.contains(partition)) {
        continue;
      }
      if (!consume(record, partition)) {
        failedPartitions.add(partition);
      }
    }

    if (occurrences.start(now)) {
      pendingByKey.values().forEach(pending -> pending.newMetadata = true);
    }
    occurrences.poll(this::onOccurrenceChanged);
    runDueWorkflows();
    if (!halted) {
      commit();
    }
  }

  /** Handles one push record. Returns false when it must be consumed again later. */
  private boolean consume(ConsumerRecord<String, byte[]> record, TopicPartition partition) {
    Instant now = clock.instant();
    ReceivedCloudEvent event;
    ImagePushed push;
    ImageReference image;
    try {
      event = decode(record);
      push = event.data(ImagePushed.class);
      image = imageOf(push);
    } catch (EventFormatException | ClassCastException | InvalidImageReferenceException e) {
      // EventFormatException covers the CloudEventHeaderException of a bad header too.
      return deadLetter(record, partition, e);
    }

    String eventId = event.attributes().id();
    Optional<WorkflowRule> rule = rules.match(image);
    if (rule.isEmpty()) {
      metrics.countPush(PushAction.NO_RULE);
      log.atDebug()
          .addKeyValue(LogKeys.DIGEST, push.digest())
          .addKeyValue(LogKeys.CE_ID, eventId)
          .log("No workflow rule matches the repository; nothing to sign");
      offsets.consumed(partition, record.offset());
      return true;
    }
    if (completedEventIds.contains(eventId)) {
      metrics.countPush(PushAction.DUPLICATE);
      offsets.consumed(partition, record.offset());
      return true;
    }

    metrics.countPush(PushAction.WORKFLOW);
    PendingPush existing = pendingByKey.get(PendingPush.key(rule.get().authority(), push.digest()));
    if (existing != null) {
      // The same digest again, redelivered or under another tag: evaluate the pending push again.
      existing.newMetadata = true;
      existing.trigger = eventId;
      offsets.consumed(partition, record.offset());
      return true;
    }

    PendingPush pending =
        new PendingPush(partition, record.offset(), eventId, push, image, rule.get(), now);
    addPending(pending);
    offsets.consumed(partition, record.offset());
    log.atInfo()
        .addKeyValue(LogKeys.DIGEST, push.digest())
        .addKeyValue(LogKeys.CE_ID, eventId)
        .addKeyValue(LogKeys.WORKFLOW_RULE, pending.rule.name())
        .addKeyValue(LogKeys.AUTHORITY, pending.rule.authority())
        .log("Push matched a workflow rule");
    return true;
  }

  private ReceivedCloudEvent decode(ConsumerRecord<String, byte[]> record) {
    if (CloudEventKafkaCodec.isTombstone(record.value())) {
      throw new EventFormatException(
          null, "record value is null, but registry.pushes carries no tombstones", null);
    }
    return codec.decode(record.headers(), record.value());
  }

  private static ImageReference imageOf(ImagePushed push) {
    String reference =
        push.registry()
            + "/"
            + push.repository()
            + (push.tag() == null ? "" : ":" + push.tag())
            + "@"
            + push.digest();
    return ImageReference.parse(reference);
  }

  /**
   * Sends the record to the dead-letter topic. When that fails, pauses the partition and seeks back
   * to the record, so that the offset never passes a record that is neither handled nor stored.
   */
  private boolean deadLetter(
      ConsumerRecord<String, byte[]> record, TopicPartition partition, Exception error) {
    try {
      sender.send(List.of(DeadLetters.of(record, deadLetterTopic, error)));
    } catch (RecordSendException e) {
      pushes.seek(partition, record.offset());
      pushes.pause(List.of(partition));
      pausedUntil.put(partition, clock.instant().plus(settings.retryBackoff()));
      metrics.countRetry(true);
      log.atWarn()
          .addKeyValue(LogKeys.TOPIC, record.topic())
          .addKeyValue(LogKeys.PARTITION, record.partition())
          .addKeyValue(LogKeys.OFFSET, record.offset())
          .addKeyValue(LogKeys.ERROR, e.getMessage())
          .log("Dead-letter record not stored; the record is consumed again after a backoff");
      return false;
    }
    metrics.countPush(PushAction.DEAD_LETTER);
    offsets.consumed(partition, record.offset());
    log.atWarn()
        .addKeyValue(LogKeys.TOPIC, record.topic())
        .addKeyValue(LogKeys.PARTITION, record.partition())
        .addKeyValue(LogKeys.OFFSET, record.offset())
        .addKeyValue(LogKeys.ERROR, error.getMessage())
        .log("Push record sent to the dead-letter topic");
    return true;
  }

  private void resumeDuePartitions(Instant now) {
    List<TopicPartition> due = new ArrayList<>();
    pausedUntil.forEach(
        (partition, until) -> {
          if (!now.isBefore(until)) {
            due.add(partition);
          }
        });
    due.forEach(pausedUntil::remove);
    if (!due.isEmpty()) {
      pushes.resume(due);
    }
  }

  private void onOccurrenceChanged(String resourceUri, String eventId) {
    for (PendingPush pending : pendingByResource.getOrDefault(resourceUri, Set.of())) {
      pending.newMetadata = true;
      pending.trigger = eventId;
    }
  }

  private void runDueWorkflows() {
    Instant now = clock.instant();
    for (PendingPush pending : new ArrayList<>(pendingByKey.values())) {
      if (halted) {
        return;
      }
      if (pending.reevaluationEnded(now, settings.reevaluationWindow())) {
        log.atInfo()
            .addKeyValue(LogKeys.DIGEST, pending.push.digest())
            .addKeyValue(LogKeys.CE_ID, pending.eventId)
            .log("Refusal is final; the re-evaluation window has ended");
        complete(pending);
      } else if (pending.isDue(now)) {
        runWorkflow(pending);
      }
    }
  }

  private void runWorkflow(PendingPush pending) {
    boolean hadNewMetadata = pending.newMetadata;
    pending.newMetadata = false;
    try {
      sendPlatformPushes(pending);
      WorkflowResult result = workflow.run(pending.rule, pending.image, pending.push.pushedAt());
      if (halted) {
        return;
      }
      switch (result.status()) {
        case SIGNED -> onSigned(pending, result);
        case REFUSED -> onRefused(pending, result);
        case WAITING -> onWaiting(pending, result);
      }
      pending.failures = 0;
    } catch (MetadataServiceException e) {
      pending.newMetadata |= hadNewMetadata;
      retryLater(pending, e, e.unavailable());
    } catch (RecordSendException e) {
      pending.newMetadata |= hadNewMetadata;
      retryLater(pending, e, true);
    } catch (RuntimeException e) {
      // A fault in signing or in this code: keep the push and try again rather than lose it.
      pending.newMetadata |= hadNewMetadata;
      retryLater(pending, e, false);
    }
  }

  private void onSigned(PendingPush pending, WorkflowResult result) {
    ImagePushed push = pending.push;
    ImageSigned signed =
        OutcomeEvents.signed(pending.rule, pending.image, result.attestationName());
    String id = OutcomeEvents.signedId(signed);
    sender.sendEvent(outcomesTopic, signed, id, clock.instant());
    metrics.countSigned(pending.rule.name(), result.created());
    log.atInfo()
        .addKeyValue(LogKeys.DIGEST, push.digest())
        .addKeyValue(LogKeys.CE_ID, pending.eventId)
        .addKeyValue(LogKeys.OUTCOME, "signed")
        .addKeyValue(LogKeys.ATTESTATION, result.attestationName())
        .addKeyValue(LogKeys.CREATED, result.created())
        .addKeyValue(LogKeys.WORKFLOW_RULE, pending.rule.name())
        .log("Image signed");
    complete(pending);
  }

  private void onRefused(PendingPush pending, WorkflowResult result) {
    pending.state = PendingPush.State.REFUSED;
    if (!result.reasons().equals(pending.lastRefusal)) {
      SigningRefused refused = OutcomeEvents.refused(pending.rule, pending.image, result.reasons());
      String id = OutcomeEvents.refusedId(refused, pending.trigger);
      sender.sendEvent(outcomesTopic, refused, id, clock.instant());
      pending.lastRefusal = result.reasons();
      metrics.countRefused(pending.rule.name(), result.reasons());
      log.atInfo()
          .addKeyValue(LogKeys.DIGEST, pending.push.digest())
          .addKeyValue(LogKeys.CE_ID, pending.eventId)
          .addKeyValue(LogKeys.TRIGGER, pending.trigger)
          .addKeyValue(LogKeys.OUTCOME, "refused")
          .addKeyValue(LogKeys.REASONS, codes(result))
          .addKeyValue(LogKeys.WORKFLOW_RULE, pending.rule.name())
          .log("Signing refused; evaluated again when new metadata arrives");
    }
  }

  private void onWaiting(PendingPush pending, WorkflowResult result) {
    boolean first = pending.state != PendingPush.State.WAITING;
    pending.state = PendingPush.State.WAITING;
    pending.nextAttemptAt = clock.instant().plus(result.remainingWait());
    if (first) {
      log.atInfo()
          .addKeyValue(LogKeys.DIGEST, pending.push.digest())
          .addKeyValue(LogKeys.CE_ID, pending.eventId)
          .addKeyValue(LogKeys.REMAINING_WAIT_MS, result.remainingWait().toMillis())
          .log("Waiting for a finished scan of the digest");
    }
  }

  /**
   * Publishes one push per platform manifest of an index, before the index's own workflow runs, so
   * that the manifests' workflows start even when the index is refused.
   */
  private void sendPlatformPushes(PendingPush pending) {
    ImagePushed index = pending.push;
    if (pending.platformPushesSent || index.platformManifestDigests().isEmpty()) {
      return;
    }
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    for (String digest : index.platformManifestDigests()) {
      ImagePushed platform =
          new ImagePushed(
              index.registry(),
              index.repository(),
              index.tag(),
              digest,
              PLATFORM_MEDIA_TYPE,
              0,
              index.pushedAt(),
              index.actor(),
              index.registryEventId() + "/" + digest,
              List.of());
      String id = OutcomeIds.platformPush(pending.eventId, digest);
      records.add(
          codec
              .encode(platform, OutcomeIds.SOURCE, null, id, index.pushedAt())
              .toProducerRecord(pushesTopic));
    }
    sender.send(records);
    pending.platformPushesSent = true;
    log.atInfo()
        .addKeyValue(LogKeys.DIGEST, index.digest())
        .addKeyValue(LogKeys.CE_ID, pending.eventId)
        .addKeyValue(LogKeys.PUBLISHED, records.size())
        .log("Pushes of the index's platform manifests published");
  }

  /**
   * Media type of a platform-manifest push derived from an index, whose webhook names only the
   * manifests' digests.
   */
  static final String PLATFORM_MEDIA_TYPE = "application/octet-stream";

  private void retryLater(PendingPush pending, RuntimeException error, boolean unavailable) {
    if (halted) {
      return;
    }
    pending.failures++;
    Duration backoff = backoff(pending.failures);
    pending.state = PendingPush.State.RETRY;
    pending.nextAttemptAt = clock.instant().plus(backoff);
    metrics.countRetry(unavailable);
    var event = unavailable ? log.atWarn() : log.atError();
    if (!unavailable && !(error instanceof MetadataServiceException)) {
      event = event.setCause(error);
    }
    event
        .addKeyValue(LogKeys.DIGEST, pending.push.digest())
        .addKeyValue(LogKeys.CE_ID, pending.eventId)
        .addKeyValue(LogKeys.ATTEMPT, pending.failures)
        .addKeyValue(LogKeys.RETRY_IN_MS, backoff.toMillis())
        .addKeyValue(LogKeys.ERROR, error.getMessage())
        .log(
            unavailable
                ? "Workflow step failed because a service is unavailable; trying again"
                : "Workflow step failed; trying again, but it may need a configuration fix");
  }

  /**
   * Returns the backoff after {@code failures} consecutive failures: doubled, up to the maximum.
   */
  Duration backoff(int failures) {
    Duration backoff = settings.retryBackoff();
    for (int i = 1; i < failures && backoff.compareTo(settings.retryBackoffMax()) < 0; i++) {
      backoff = backoff.multipliedBy(2);
    }
    return backoff.compareTo(settings.retryBackoffMax()) > 0 ? settings.retryBackoffMax() : backoff;
  }

  private void addPending(PendingPush pending) {
    pendingByKey.put(pending.key(), pending);
    pendingByResource.computeIfAbsent(pending.resourceUri, uri -> new HashSet<>()).add(pending);
    offsets.addPending(pending);
  }

  private void complete(PendingPush pending) {
    removePending(pending);
    completedEventIds.add(pending.eventId);
  }

  private void removePending(PendingPush pending) {
    pendingByKey.remove(pending.key());
    Set<PendingPush> sameResource = pendingByResource.get(pending.resourceUri);
    if (sameResource != null) {
      sameResource.remove(pending);
      if (sameResource.isEmpty()) {
        pendingByResource.remove(pending.resourceUri);
      }
    }
    offsets.removePending(pending);
  }

  private void commit() {
    Map<TopicPartition, OffsetAndMetadata> toCommit = offsets.toCommit();
    if (toCommit.isEmpty()) {
      return;
    }
    try {
      pushes.commitSync(toCommit);
      offsets.committed(toCommit);
    } catch (CommitFailedException e) {
      // The group took the partitions away; their new owner consumes from the last commit.
      log.atWarn().addKeyValue(LogKeys.ERROR, e.getMessage()).log("Offset commit failed");
    }
  }

  private static List<String> codes(WorkflowResult result) {
    return result.reasons().stream().map(reason -> reason.code()).toList();
  }

  private Map<String, Object> consumerConfig(String groupId) {
    Map<String, Object> config = new HashMap<>(kafkaConfig);
    config.keySet().removeIf(key -> key.startsWith("key.") || key.startsWith("value."));
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    if (groupId == null) {
      config.remove(ConsumerConfig.GROUP_ID_CONFIG);
      config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    } else {
      config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
      config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
    }
    return config;
  }

  private void closeQuietly() {
    try {
      if (occurrences != null) {
        occurrences.close();
      }
    } catch (KafkaException e) {
      log.atDebug()
          .addKeyValue(LogKeys.ERROR, e.getMessage())
          .log("Occurrence consumer close failed");
    }
    try {
      if (pushes != null) {
        pushes.close(halted ? Duration.ZERO : Duration.ofSeconds(5));
      }
    } catch (KafkaException e) {
      log.atDebug().addKeyValue(LogKeys.ERROR, e.getMessage()).log("Push consumer close failed");
    }
  }

  /** Commits what is durable before partitions go, and drops the pending pushes of lost ones. */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (!halted) {
        commit();
      }
      forget(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      forget(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      log.atInfo().addKeyValue(LogKeys.PARTITION, partitions.toString()).log("Partitions assigned");
    }

    private void forget(Collection<TopicPartition> partitions) {
      for (PendingPush pending : new ArrayList<>(pendingByKey.values())) {
        if (partitions.contains(pending.partition)) {
          removePending(pending);
        }
      }
      partitions.forEach(offsets::forget);
      partitions.forEach(pausedUntil::remove);
    }
  }
}
