package dev.custos.signer.runner;

import dev.custos.events.image.ImageReference;
import dev.custos.events.registry.ImagePushed;
import dev.custos.events.signer.RefusalReason;
import dev.custos.signer.workflow.WorkflowRule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * A push whose workflow is not finished: not run yet, to be tried again after a failure, waiting
 * for a scan, or refused but still open to re-evaluation. Its record's offset stays uncommitted
 * while it is pending, so a restart or a rebalance consumes the record again and loses nothing.
 * Only the runner's thread touches it.
 */
final class PendingPush {
  /** State of the push in its workflow. */
  enum State {
    /** Consumed, not evaluated yet. */
    NEW,
    /** A metadata-service call or a publish failed, and the run is tried again at a set time. */
    RETRY,
    /** A required scan has not finished, and the wait has not ended. */
    WAITING,
    /** Refused, and evaluated again when new metadata for the digest arrives. */
    REFUSED
  }

  final TopicPartition partition;
  final long offset;
  final String eventId;
  final ImagePushed push;
  final ImageReference image;
  final WorkflowRule rule;
  final String resourceUri;

  State state = State.NEW;

  /** When a NEW or RETRY push runs, and when a WAITING push's wait ends. */
  Instant nextAttemptAt;

  int failures;

  /** Whether an occurrence about the digest changed, or the push arrived again, since the run. */
  boolean newMetadata;

  /** The {@code ce_id} of the event that caused the next run, which refusal ids include. */
  String trigger;

  /** The reasons of the last refusal published, so that an unchanged refusal is not repeated. */
  List<RefusalReason> lastRefusal = List.of();

  /** Whether the pushes of the platform manifests that an index lists are on the broker. */
  boolean platformPushesSent;

  PendingPush(
      TopicPartition partition,
      long offset,
      String eventId,
      ImagePushed push,
      ImageReference image,
      WorkflowRule rule,
      Instant now) {
    this.partition = partition;
    this.offset = offset;
    this.eventId = eventId;
    this.push = push;
    this.image = image;
    this.rule = rule;
    this.resourceUri = SigningWorkflow.resourceUri(image);
    this.nextAttemptAt = now;
    this.trigger = eventId;
  }

  /** Returns the key of the (authority, digest) pair, of which at most one push is pending. */
  String key() {
    return key(rule.authority(), push.digest());
  }

  static String key(String authority, String digest) {
    return authority + "\n" + digest;
  }

  /** Returns whether the workflow should run now. */
  boolean isDue(Instant now) {
    return switch (state) {
      case NEW, RETRY -> !now.isBefore(nextAttemptAt);
      case WAITING -> newMetadata || !now.isBefore(nextAttemptAt);
      case REFUSED -> newMetadata;
    };
  }

  /** Returns whether a refused push has passed its re-evaluation window. */
  boolean reevaluationEnded(Instant now, Duration window) {
    return state == State.REFUSED && !now.isBefore(push.pushedAt().plus(window));
  }
}
