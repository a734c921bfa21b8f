package dev.custos.admission.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class CatchUpTrackerTest {
  private static final TopicPartition FIRST = new TopicPartition("metadata.attestations", 0);
  private static final TopicPartition SECOND = new TopicPartition("metadata.attestations", 1);

  @Test
  void emptyTopicIsCaughtUp() {
    CatchUpTracker tracker = new CatchUpTracker(Map.of(FIRST, 0L));

    assertThat(tracker.update(partition -> 0L)).isTrue();
  }

  @Test
  void waitsForEveryPartition() {
    CatchUpTracker tracker = new CatchUpTracker(Map.of(FIRST, 10L, SECOND, 5L));
    Map<TopicPartition, Long> positions = new HashMap<>(Map.of(FIRST, 10L, SECOND, 4L));

    assertThat(tracker.update(positions::get)).isFalse();

    positions.put(SECOND, 5L);
    assertThat(tracker.update(positions::get)).isTrue();
    assertThat(tracker.caughtUp()).isTrue();
  }

  @Test
  void reachedPartitionStaysReached() {
    CatchUpTracker tracker = new CatchUpTracker(Map.of(FIRST, 3L, SECOND, 3L));

    tracker.update(partition -> partition.equals(FIRST) ? 3L : 0L);

    assertThat(tracker.update(partition -> partition.equals(SECOND) ? 3L : 0L)).isTrue();
  }
}
