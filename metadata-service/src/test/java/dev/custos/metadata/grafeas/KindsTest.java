package dev.custos.metadata.grafeas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.events.metadata.OccurrenceKind;
import dev.custos.metadata.api.InvalidArgumentException;
import io.grafeas.v1.AttestationNote;
import io.grafeas.v1.Note;
import io.grafeas.v1.NoteKind;
import io.grafeas.v1.Occurrence;
import io.grafeas.v1.VulnerabilityOccurrence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KindsTest {

  @ParameterizedTest
  @EnumSource(
      value = Occurrence.DetailsCase.class,
      names = "DETAILS_NOT_SET",
      mode = EnumSource.Mode.EXCLUDE)
  void everyOccurrenceDetailHasKind(Occurrence.DetailsCase details) {
    NoteKind kind = Kinds.forOccurrenceDetails(details);

    assertThat(kind.name()).isEqualTo(details.name());
    assertThat(OccurrenceKind.valueOf(kind.name())).isNotNull();
  }

  @ParameterizedTest
  @EnumSource(value = Note.TypeCase.class, names = "TYPE_NOT_SET", mode = EnumSource.Mode.EXCLUDE)
  void everyNoteTypeHasKind(Note.TypeCase type) {
    assertThat(Kinds.forNoteType(type).name()).isEqualTo(type.name());
  }

  @Test
  void unsetKindIsDerived() {
    Occurrence.Builder occurrence =
        Occurrence.newBuilder().setVulnerability(VulnerabilityOccurrence.getDefaultInstance());

    assertThat(Kinds.of(occurrence)).isEqualTo(NoteKind.VULNERABILITY);
  }

  @Test
  void contradictingKindIsRejected() {
    Note.Builder note =
        Note.newBuilder()
            .setKind(NoteKind.BUILD)
            .setAttestation(AttestationNote.getDefaultInstance());

    assertThatThrownBy(() -> Kinds.of(note))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("Invalid kind BUILD")
        .hasMessageContaining("ATTESTATION");
  }

  @Test
  void missingDetailsListsFields() {
    assertThatThrownBy(() -> Kinds.of(Occurrence.newBuilder()))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("vulnerability")
        .hasMessageContaining("dsseAttestation");
  }
}
