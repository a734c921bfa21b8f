package dev.custos.metadata.outbox;

import java.time.Instant;
import java.util.UUID;

/**
 * An unpublished row of the {@code outbox} table.
 *
 * @param id the identity value, which orders the rows
 * @param aggregateName the occurrence name, used as the Kafka record key
 * @param eventType the CloudEvents type, such as {@code dev.custos.metadata.occurrence.created}
 * @param payload the event record in the {@code EventJson} form
 * @param created when the row was written, sent as {@code ce_time}
 * @param eventId the CloudEvents id, sent as {@code ce_id} on every publish of the row
 */
record OutboxRow(
    long id,
    String aggregateName,
    String eventType,
    String payload,
    Instant created,
    UUID eventId) {}
