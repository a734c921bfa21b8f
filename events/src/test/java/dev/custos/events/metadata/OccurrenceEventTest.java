package dev.custos.events.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.custos.events.EventSamples;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OccurrenceEventTest {

  @Test
  void keyIsOccurrenceName() {
    OccurrenceCreated created = EventSamples.occurrenceCreated(OccurrenceKind.ATTESTATION);

    assertThat(created.key()).isEqualTo(EventSamples.OCCURRENCE_NAME);
  }

  @Test
  void occurrenceMustBeObject() {
    assertThatThrownBy(
            () ->
                new OccurrenceDeleted(
                    EventSamples.OCCURRENCE_NAME,
                    OccurrenceKind.BUILD,
                    EventSamples.RESOURCE_URI,
                    EventSamples.NOTE_NAME,
                    JsonNodeFactory.instance.textNode("deleted")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("occurrence must be a JSON object, but is STRING");
  }

  @Test
  void noteNameMustBeGrafeasName() {
    assertThatThrownBy(
            () ->
                new OccurrenceUpdated(
                    EventSamples.OCCURRENCE_NAME,
                    OccurrenceKind.BUILD,
                    EventSamples.RESOURCE_URI,
                    "production",
                    EventSamples.attestationOccurrence("2025-03-04T11:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("noteName is not a valid Grafeas name: 'production'");
  }

  @ParameterizedTest
  @EnumSource(OccurrenceKind.class)
  void onlyAttestationKindsAreAttestations(OccurrenceKind kind) {
    boolean expected =
        EnumSet.of(OccurrenceKind.ATTESTATION, OccurrenceKind.DSSE_ATTESTATION).contains(kind);

    assertThat(kind.isAttestation()).isEqualTo(expected);
  }
}
