package dev.custos.metadata.grafeas;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import dev.custos.metadata.api.InvalidArgumentException;
import io.grafeas.v1.Note;
import io.grafeas.v1.NoteKind;
import io.grafeas.v1.Occurrence;
import java.util.stream.Collectors;

/**
 * Derives the kind of a note or occurrence from the detail it carries, so that {@code kind} always
 * agrees with the detail: a vulnerability occurrence is {@code VULNERABILITY}, whatever the client
 * sends.
 */
public final class Kinds {
  private static final String NOTE_DETAILS =
      detailFields(Note.getDescriptor().findFieldByName("vulnerability").getContainingOneof());
  private static final String OCCURRENCE_DETAILS =
      detailFields(
          Occurrence.getDescriptor().findFieldByName("vulnerability").getContainingOneof());

  private Kinds() {}

  /**
   * Returns the kind of {@code note}'s detail.
   *
   * @throws InvalidArgumentException if the note has no detail, or sets a different kind
   */
  public static NoteKind of(Note.Builder note) {
    NoteKind derived = forNoteType(note.getTypeCase());

    return checked(note.getKind(), derived, "note", NOTE_DETAILS);
  }

  /**
   * Returns the kind of {@code occurrence}'s detail.
   *
   * @throws InvalidArgumentException if the occurrence has no detail, or sets a different kind
   */
  public static NoteKind of(Occurrence.Builder occurrence) {
    NoteKind derived = forOccurrenceDetails(occurrence.getDetailsCase());

    return checked(occurrence.getKind(), derived, "occurrence", OCCURRENCE_DETAILS);
  }

  static NoteKind forNoteType(Note.TypeCase type) {
    switch (type) {
      case VULNERABILITY:
        return NoteKind.VULNERABILITY;
      case BUILD:
        return NoteKind.BUILD;
      case IMAGE:
        return NoteKind.IMAGE;
      case PACKAGE:
        return NoteKind.PACKAGE;
      case DEPLOYMENT:
        return NoteKind.DEPLOYMENT;
      case DISCOVERY:
        return NoteKind.DISCOVERY;
      case ATTESTATION:
        return NoteKind.ATTESTATION;
      case UPGRADE:
        return NoteKind.UPGRADE;
      case COMPLIANCE:
        return NoteKind.COMPLIANCE;
      case DSSE_ATTESTATION:
        return NoteKind.DSSE_ATTESTATION;
      case VULNERABILITY_ASSESSMENT:
        return NoteKind.VULNERABILITY_ASSESSMENT;
      case SBOM_REFERENCE:
        return NoteKind.SBOM_REFERENCE;
      case SECRET:
        return NoteKind.SECRET;
      default:
        return NoteKind.NOTE_KIND_UNSPECIFIED;
    }
  }

  static NoteKind forOccurrenceDetails(Occurrence.DetailsCase details) {
    switch (details) {
      case VULNERABILITY:
        return NoteKind.VULNERABILITY;
      case BUILD:
        return NoteKind.BUILD;
      case IMAGE:
        return NoteKind.IMAGE;
      case PACKAGE:
        return NoteKind.PACKAGE;
      case DEPLOYMENT:
        return NoteKind.DEPLOYMENT;
      case DISCOVERY:
        return NoteKind.DISCOVERY;
      case ATTESTATION:
        return NoteKind.ATTESTATION;
      case UPGRADE:
        return NoteKind.UPGRADE;
      case COMPLIANCE:
        return NoteKind.COMPLIANCE;
      case DSSE_ATTESTATION:
        return NoteKind.DSSE_ATTESTATION;
      case SBOM_REFERENCE:
        return NoteKind.SBOM_REFERENCE;
      case SECRET:
        return NoteKind.SECRET;
      default:
        return NoteKind.NOTE_KIND_UNSPECIFIED;
    }
  }

  private static NoteKind checked(
      NoteKind requested, NoteKind derived, String resourceType, String fields) {
    if (derived == NoteKind.NOTE_KIND_UNSPECIFIED) {
      throw new InvalidArgumentException(
          "The "
              + resourceType
              + " has no details: set one of "
              + fields
              + ", and the server derives kind");
    }
    if (requested != NoteKind.NOTE_KIND_UNSPECIFIED && requested != derived) {
      throw new InvalidArgumentException(
          "Invalid kind "
              + requested
              + ": the "
              + resourceType
              + "'s details make it "
              + derived
              + "; leave kind unset or set it to "
              + derived);
    }

    return derived;
  }

  private static String detailFields(OneofDescriptor details) {
    return details.getFields().stream()
        .map(FieldDescriptor::getJsonName)
        .collect(Collectors.joining(", "));
  }
}
