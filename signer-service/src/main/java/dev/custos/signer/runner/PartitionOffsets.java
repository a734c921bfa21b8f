package dev.custos.signer.runner;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The committable offset of each partition of {@code registry.pushes}: the offset after the last
 * consumed record, held back to the oldest pending push, so that a committed offset never passes a
 * push whose outcome is not durable yet. Only the runner's thread touches it.
 */
final class PartitionOffsets {
  private static final class Partition {
    long next = -1;
    long committed = -1;
    final TreeMap<Long, PendingPush> pending = new TreeMap<>();

    long committable() {
      return pending.isEmpty() ? next : pending.firstKey();
    }
  }

  private final Map<TopicPartition, Partition> partitions = new HashMap<>();

  /** Records that the record at {@code offset} was consumed and handled or became pending. */
  void consumed(TopicPartition partition, long offset) {
    Partition state = partitions.computeIfAbsent(partition, key -> new Partition());
    state.next = Math.max(state.next, offset + 1);
  }

  void addPending(PendingPush push) {
    partitions
        .computeIfAbsent(push.partition, key -> new Partition())
        .pending
        .put(push.offset, push);
  }

  void removePending(PendingPush push) {
    Partition state = partitions.get(push.partition);
    if (state != null) {
      state.pending.remove(push.offset);
    }
  }

  /** Returns the offsets that moved since the last commit, to commit now. */
  Map<TopicPartition, OffsetAndMetadata> toCommit() {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (Map.Entry<TopicPartition, Partition> entry : partitions.entrySet()) {
      long committable = entry.getValue().committable();
      if (committable > entry.getValue().committed) {
        offsets.put(entry.getKey(), new OffsetAndMetadata(committable));
      }
    }
    return offsets;
  }

  /** Records that {@code offsets} were committed. */
  void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
    offsets.forEach(
        (partition, offset) -> {
          Partition state = partitions.get(partition);
          if (state != null) {
            state.committed = Math.max(state.committed, offset.offset());
          }
        });
  }

  /** Forgets a partition that this consumer no longer owns. */
  void forget(TopicPartition partition) {
    partitions.remove(partition);
  }
}
