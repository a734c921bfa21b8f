package dev.custos.admission.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.events.metadata.OccurrenceCreated;
import dev.custos.events.metadata.OccurrenceKind;
import org.junit.jupiter.api.Test;

/** The rule that an occurrence event repeats the name, resource and note of its occurrence. */
class EventConsistencyTest {
  private static final String NAME = "projects/custos/occurrences/one";
  private static final String NOTE = "projects/custos/notes/qa";
  private static final String URI =
      "https://registry.example.com/team/app@sha256:" + "a".repeat(64);

  @Test
  void matchingEventAccepted() {
    assertThat(EventConsistency.mismatch(event(NAME, URI, NOTE, occurrence()))).isNull();
  }

  @Test
  void otherResourceUriRejected() {
    String evil = "https://localhost:5000/evil@sha256:" + "a".repeat(64);

    String reason = EventConsistency.mismatch(event(NAME, evil, NOTE, occurrence()));

    assertThat(reason).contains("resourceUri").contains(evil).contains(URI);
  }

  @Test
  void resourceUriWithoutSchemeRejected() {
    String withoutScheme = URI.substring("https://".length());

    assertThat(EventConsistency.mismatch(event(NAME, withoutScheme, NOTE, occurrence())))
        .contains("resourceUri");
  }

  @Test
  void otherOccurrenceNameRejected() {
    String other = "projects/custos/occurrences/two";

    String reason = EventConsistency.mismatch(event(other, URI, NOTE, occurrence()));

    assertThat(reason).contains("occurrenceName").contains(other).contains(NAME);
  }

  @Test
  void otherNoteNameRejected() {
    String other = "projects/custos/notes/other";

    String reason = EventConsistency.mismatch(event(NAME, URI, other, occurrence()));

    assertThat(reason).contains("noteName").contains(other).contains(NOTE);
  }

  @Test
  void missingInnerFieldsRejected() {
    for (String field : new String[] {"name", "resourceUri", "noteName"}) {
      ObjectNode occurrence = occurrence();
      occurrence.remove(field);

      String reason = EventConsistency.mismatch(event(NAME, URI, NOTE, occurrence));

      assertThat(reason).as(field).contains("has no string \"" + field + "\"");
    }
  }

  @Test
  void nonTextInnerFieldRejected() {
    ObjectNode occurrence = occurrence();
    occurrence.put("resourceUri", 7);

    assertThat(EventConsistency.mismatch(event(NAME, URI, NOTE, occurrence)))
        .contains("has no string \"resourceUri\"");
  }

  private static ObjectNode occurrence() {
    ObjectNode occurrence = new ObjectMapper().createObjectNode();
    occurrence.put("name", NAME);
    occurrence.put("resourceUri", URI);
    occurrence.put("noteName", NOTE);
    occurrence.put("kind", "ATTESTATION");
    return occurrence;
  }

  private static OccurrenceCreated event(
      String name, String resourceUri, String noteName, ObjectNode occurrence) {
    return new OccurrenceCreated(
        name, OccurrenceKind.ATTESTATION, resourceUri, noteName, occurrence);
  }
}
