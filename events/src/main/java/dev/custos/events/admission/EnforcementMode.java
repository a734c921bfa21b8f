package dev.custos.events.admission;

/** Enforcement mode of an admission policy rule, which decides what a denial does. */
public enum EnforcementMode {
  /** A denial rejects the request. */
  ENFORCE,
  /** A denial is recorded, but the request is admitted. */
  DRY_RUN
}
