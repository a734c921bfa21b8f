package dev.custos.signer.workflow;

/**
 * Codes of the refusal reasons that workflow rules give, in the upper snake case that {@code
 * dev.custos.events.signer.RefusalReason} requires. Consumers of {@code signer.outcomes} match on
 * them, so they do not change.
 */
public final class RefusalCodes {
  /** A vulnerability's severity is above the rule's maximum for its fixability. */
  public static final String VULNERABILITY_ABOVE_THRESHOLD = "VULNERABILITY_ABOVE_THRESHOLD";

  /** A vulnerability has no severity and no CVSS score, and counts as the worst severity. */
  public static final String VULNERABILITY_SEVERITY_MISSING = "VULNERABILITY_SEVERITY_MISSING";

  /** A vulnerability is on the rule's block list. */
  public static final String VULNERABILITY_BLOCKED = "VULNERABILITY_BLOCKED";

  /** The rule requires a BUILD occurrence and the digest has none. */
  public static final String BUILD_MISSING = "BUILD_MISSING";

  /** The rule requires a finished scan and none finished within the maximum wait. */
  public static final String SCAN_TIMED_OUT = "SCAN_TIMED_OUT";

  /** A DISCOVERY occurrence reports {@code FINISHED_FAILED}. */
  public static final String SCAN_FAILED = "SCAN_FAILED";

  /** A DISCOVERY occurrence reports {@code FINISHED_UNSUPPORTED}. */
  public static final String SCAN_UNSUPPORTED = "SCAN_UNSUPPORTED";

  private RefusalCodes() {}
}
