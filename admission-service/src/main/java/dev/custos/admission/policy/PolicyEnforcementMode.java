package dev.custos.admission.policy;

import dev.custos.events.admission.EnforcementMode;

/**
 * Enforcement mode of a policy rule as the policy YAML names it, which decides what a denial does.
 */
public enum PolicyEnforcementMode {
  /** A denial rejects the request, and the decision is published. */
  ENFORCED_BLOCK_AND_AUDIT_LOG(EnforcementMode.ENFORCE),
  /** A denial admits the request with a warning, and the decision records what was denied. */
  DRYRUN_AUDIT_LOG_ONLY(EnforcementMode.DRY_RUN);

  private final EnforcementMode eventMode;

  PolicyEnforcementMode(EnforcementMode eventMode) {
    this.eventMode = eventMode;
  }

  /** Returns the mode as the {@code admission.decisions} events name it. */
  public EnforcementMode eventMode() {
    return eventMode;
  }
}
