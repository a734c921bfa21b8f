package dev.custos.admission.decision;

/** Reason code of a decision, one of a fixed set for metrics and logs. */
public enum DecisionReason {
  /** The namespace is exempt from the policy. */
  EXEMPT_NAMESPACE,
  /** The object carries the breakglass annotation with the value {@code "true"}. */
  BREAKGLASS,
  /** DELETE and CONNECT run no image. */
  OPERATION_NOT_CHECKED,
  /** The request runs no new image, for example a status update. */
  NO_IMAGES,
  /** Every image passed the policy. */
  POLICY_ALLOWED,
  /** At least one image failed the policy, and the rule enforces. */
  POLICY_DENIED,
  /** The object could not be decoded, and the rule enforces. */
  OBJECT_UNDECODABLE,
  /** The policy would deny, but the rule is in dry run, so the request is admitted. */
  DRY_RUN,
  /** No valid policy is loaded, so the webhook denies without deciding (fail closed). */
  POLICY_UNAVAILABLE,
  /** Deciding failed inside the service, so the webhook denies (fail closed). */
  INTERNAL_ERROR,
  /**
   * A metadata-service query for a missing attestation failed, timed out or was shed, and the
   * rule's {@code onError} is {@code DENY}.
   */
  LOOKUP_FAILED,
  /**
   * The decision did not finish within {@code custos.admission.decision-deadline}, and the rule's
   * {@code onError} is {@code DENY}.
   */
  DEADLINE_EXCEEDED,
  /**
   * An attestation could not be checked (a failed lookup or the deadline), and the rule's {@code
   * onError} is {@code ALLOW}, so the request is admitted with a warning.
   */
  FAILED_OPEN
}
