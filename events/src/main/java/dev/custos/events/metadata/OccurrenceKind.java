package dev.custos.events.metadata;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * The kind of a Grafeas v1 occurrence, with the names of {@code grafeas.v1.NoteKind} as of {@code
 * io.grafeas:grafeas:2.89.0}.
 */
public enum OccurrenceKind {
  /**
   * Unspecified. A kind that a newer Grafeas adds, and that this enum does not list yet, also reads
   * as this value, so that a newer producer does not break older consumers. The original name stays
   * in the occurrence JSON.
   */
  @JsonEnumDefaultValue
  NOTE_KIND_UNSPECIFIED,
  VULNERABILITY,
  BUILD,
  IMAGE,
  PACKAGE,
  DEPLOYMENT,
  DISCOVERY,
  ATTESTATION,
  UPGRADE,
  COMPLIANCE,
  DSSE_ATTESTATION,
  VULNERABILITY_ASSESSMENT,
  SBOM_REFERENCE,
  SECRET;

  /**
   * Returns whether occurrences of this kind are attestations, which are also published on the
   * {@code metadata.attestations} topic.
   */
  public boolean isAttestation() {
    return this == ATTESTATION || this == DSSE_ATTESTATION;
  }
}
