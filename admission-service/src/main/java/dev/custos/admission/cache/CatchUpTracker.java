package dev.custos.admission.cache;

import java.util.HashMap;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.TopicPartition;

/**
 * Tracks whether a consumer has read up to the end offsets that it saw at start. Records produced
 * later do not move the target, so catching up ends even while producers keep writing.
 */
final class CatchUpTracker {
  private final Map<TopicPartition, Long> remaining;

  /** Creates a tracker for the end offset of each partition, as read before the first poll. */
  CatchUpTracker(Map<TopicPartition, Long> endOffsets) {
    this.remaining = new HashMap<>(endOffsets);
  }

  /**
   * Drops every partition whose position has reached its target and returns whether none is left.
   *
   * @param position the consumer's next offset to read on a partition
   */
  boolean update(ToLongFunction<TopicPartition> position) {
    remaining
        .entrySet()
        .removeIf(target -> position.applyAsLong(target.getKey()) >= target.getValue());
    return remaining.isEmpty();
  }

  boolean caughtUp() {
    return remaining.isEmpty();
  }
}
