package dev.custos.audit.api;

/** Role of a bearer token of the read API. */
public enum TokenRole {
  /** Reads entries, proofs, search results and counts. */
  READER,
  /**
   * Exports ranges of the log as JSON lines or CSV. Its tokens get 403 from the other routes, so an
   * archiving job gets no more access than it needs.
   */
  EXPORTER
}
