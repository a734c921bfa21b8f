package dev.custos.events.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custos.events.Require;

/**
 * A Grafeas occurrence changed in the metadata service. Event type {@code
 * dev.custos.metadata.occurrence.updated}.
 *
 * @param occurrenceName the occurrence name, {@code projects/<project>/occurrences/<id>}
 * @param kind the occurrence kind
 * @param resourceUri the URI of the resource the occurrence is about
 * @param noteName the note name, {@code projects/<project>/notes/<id>}
 * @param occurrence the occurrence as stored after the update, in Grafeas v1 REST JSON
 */
public record OccurrenceUpdated(
    String occurrenceName,
    OccurrenceKind kind,
    String resourceUri,
    String noteName,
    JsonNode occurrence)
    implements OccurrenceEvent {

  public OccurrenceUpdated {
    Require.resourceName(occurrenceName, "occurrences", "occurrenceName");
    Require.present(kind, "kind");
    Require.text(resourceUri, "resourceUri");
    Require.resourceName(noteName, "notes", "noteName");
    Require.jsonObject(occurrence, "occurrence");
  }
}
