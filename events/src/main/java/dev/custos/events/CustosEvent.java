package dev.custos.events;

/**
 * The data of a Custos CloudEvent. Every implementation is a record listed in {@link EventType}.
 */
public interface CustosEvent {
  /**
   * Returns the Kafka record key, which keeps events about one digest, occurrence or workload in
   * order on one partition.
   */
  String key();
}
