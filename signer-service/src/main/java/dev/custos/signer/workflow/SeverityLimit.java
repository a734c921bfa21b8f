package dev.custos.signer.workflow;

/**
 * Maximum severity that a workflow rule accepts for one class of vulnerabilities (fixable or
 * unfixable). A vulnerability above the maximum refuses signing.
 */
public enum SeverityLimit {
  /** Any vulnerability refuses, whatever its severity. */
  BLOCK_ALL(null),
  LOW(Severity.LOW),
  MEDIUM(Severity.MEDIUM),
  HIGH(Severity.HIGH),
  CRITICAL(Severity.CRITICAL),
  /** No vulnerability refuses, even one without a severity. */
  ALLOW_ALL(null);

  private final Severity maximum;

  SeverityLimit(Severity maximum) {
    this.maximum = maximum;
  }

  /** Returns whether a vulnerability of {@code severity} is within this limit. */
  public boolean allows(Severity severity) {
    if (this == ALLOW_ALL) {
      return true;
    }
    if (this == BLOCK_ALL) {
      return false;
    }
    return severity.compareTo(maximum) <= 0;
  }

  /**
   * Returns whether a vulnerability without a severity is within this limit when it counts as the
   * worst severity: only {@link #ALLOW_ALL} accepts it.
   */
  public boolean allowsWorst() {
    return this == ALLOW_ALL;
  }
}
