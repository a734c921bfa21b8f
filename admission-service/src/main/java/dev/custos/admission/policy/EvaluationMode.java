package dev.custos.admission.policy;

/** Evaluation mode of a policy rule, the test that each image of a workload must pass. */
public enum EvaluationMode {
  /** Every image is allowed, except images referenced by tag only. */
  ALWAYS_ALLOW,
  /** Every image is denied, except images on an allow-list. */
  ALWAYS_DENY,
  /** Every image needs attestations for its digest from the attestors that the rule requires. */
  REQUIRE_ATTESTATION
}
