package dev.custos.metadata.outbox;

import dev.custos.events.EventJson;
import dev.custos.events.EventType;
import dev.custos.events.metadata.OccurrenceEvent;
import dev.custos.metadata.storage.SqlBatches;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Appends events to the {@code outbox} table inside the caller's transaction, so that an event is
 * stored if and only if the change it reports commits. The payload is the event record in the
 * shared {@link EventJson} form, and the aggregate name is the record's Kafka key. The database
 * assigns the row's CloudEvents id ({@code event_id}), and {@link OutboxRelay} publishes the row.
 */
@ApplicationScoped
public class OutboxWriter {
  private final EventJson eventJson = new EventJson();

  /** Appends one row per event, in list order, with multi-row INSERTs. */
  public Uni<Void> appendAll(Mutiny.Session session, List<? extends OccurrenceEvent> events) {
    return SqlBatches.inChunks(events, chunk -> appendChunk(session, chunk));
  }

  private Uni<Void> appendChunk(Mutiny.Session session, List<? extends OccurrenceEvent> chunk) {
    var query =
        session.createNativeQuery(
            "INSERT INTO outbox (aggregate_name, event_type, payload) VALUES "
                + SqlBatches.values(
                    chunk.size(),
                    "(:aggregateName{i}, :eventType{i}, CAST(CAST(:payload{i} AS text) AS jsonb))"));
    for (int i = 0; i < chunk.size(); i++) {
      OccurrenceEvent event = chunk.get(i);
      query
          .setParameter("aggregateName" + i, event.key())
          .setParameter("eventType" + i, EventType.of(event).type())
          .setParameter("payload" + i, new String(eventJson.write(event), StandardCharsets.UTF_8));
    }

    return query.executeUpdate().replaceWithVoid();
  }

  public Uni<Void> append(Mutiny.Session session, OccurrenceEvent event) {
    String payload = new String(eventJson.write(event), StandardCharsets.UTF_8);

    return session
        .createNativeQuery(
            "INSERT INTO outbox (aggregate_name, event_type, payload)"
                + " VALUES (:aggregateName, :eventType, CAST(CAST(:payload AS text) AS jsonb))")
        .setParameter("aggregateName", event.key())
        .setParameter("eventType", EventType.of(event).type())
        .setParameter("payload", payload)
        .executeUpdate()
        .replaceWithVoid();
  }
}
