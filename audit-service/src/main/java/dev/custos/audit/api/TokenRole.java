package dev.custos.audit.api;

/** Role of a bearer token of the read API. */
public enum TokenRole {
  /** Reads entries and inclusion and consistency proofs. */
  READER,
  /**
   * Exports ranges of the log. The export is not served yet, so this role reads nothing, and its
   * tokens get 403 from the entries and proof routes.
   */
  EXPORTER
}
