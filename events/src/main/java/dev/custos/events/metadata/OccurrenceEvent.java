package dev.custos.events.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custos.events.CustosEvent;

/**
 * A change to a Grafeas occurrence: {@link OccurrenceCreated}, {@link OccurrenceUpdated} or {@link
 * OccurrenceDeleted}. All three are keyed by occurrence name on the compacted topic {@code
 * metadata.occurrences}, and attestations also on {@code metadata.attestations}.
 */
public interface OccurrenceEvent extends CustosEvent {
  /** Returns the occurrence name, {@code projects/<project>/occurrences/<id>}. */
  String occurrenceName();

  OccurrenceKind kind();

  /** Returns the URI of the resource the occurrence is about, usually an image by digest. */
  String resourceUri();

  /** Returns the note name, {@code projects/<project>/notes/<id>}. */
  String noteName();

  /**
   * Returns the whole Grafeas v1 occurrence in its REST JSON form (camelCase field names, enum
   * names). The node is not copied, so callers must not modify it.
   */
  JsonNode occurrence();

  /** Returns the occurrence name, which orders the changes of one occurrence. */
  @Override
  default String key() {
    return occurrenceName();
  }
}
