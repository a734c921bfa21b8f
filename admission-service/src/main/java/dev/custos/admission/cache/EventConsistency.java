package dev.custos.admission.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custos.events.metadata.OccurrenceEvent;

/**
 * The rule that an occurrence event's own fields must repeat the occurrence it carries. The
 * verifier checks the signed content against the occurrence JSON, so the cache must file the
 * occurrence under that JSON's {@code resourceUri} too. An event whose outer {@code resourceUri},
 * {@code occurrenceName} or {@code noteName} differs from the occurrence inside is forged or
 * corrupt, and counts for no image.
 */
final class EventConsistency {
  private EventConsistency() {}

  /**
   * Returns why the event's fields disagree with its occurrence, or null when they agree. The
   * values are compared as exact strings, because the metadata service copies them from the
   * occurrence it stores.
   */
  static String mismatch(OccurrenceEvent event) {
    JsonNode occurrence = event.occurrence();
    String name = mismatch("occurrenceName", "name", event.occurrenceName(), occurrence);
    if (name != null) {
      return name;
    }
    String resourceUri = mismatch("resourceUri", "resourceUri", event.resourceUri(), occurrence);
    if (resourceUri != null) {
      return resourceUri;
    }
    return mismatch("noteName", "noteName", event.noteName(), occurrence);
  }

  private static String mismatch(
      String eventField, String occurrenceField, String eventValue, JsonNode occurrence) {
    JsonNode inner = occurrence == null ? null : occurrence.get(occurrenceField);
    if (inner == null || !inner.isTextual()) {
      return "the event's "
          + eventField
          + " is \""
          + eventValue
          + "\", and its occurrence has no string \""
          + occurrenceField
          + "\"";
    }
    if (!inner.textValue().equals(eventValue)) {
      return "the event's "
          + eventField
          + " is \""
          + eventValue
          + "\", but its occurrence's "
          + occurrenceField
          + " is \""
          + inner.textValue()
          + "\"";
    }
    return null;
  }
}
