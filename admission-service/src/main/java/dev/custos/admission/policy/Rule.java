package dev.custos.admission.policy;

import java.util.List;

/**
 * A validated policy rule.
 *
 * @param name where the rule is defined, {@code defaultRule} or {@code namespaces.<namespace>}
 * @param evaluationMode how the rule judges images
 * @param requiredAttestors the attestors of {@code REQUIRE_ATTESTATION}, empty for the other modes
 * @param minimum how many of {@code requiredAttestors} must have attested, 0 for the other modes
 * @param enforcementMode what a denial does
 * @param allowlist this rule's own allow-list patterns, checked after the policy's global ones
 * @param onError what an attestation check that cannot finish does to the request
 */
public record Rule(
    String name,
    EvaluationMode evaluationMode,
    List<String> requiredAttestors,
    int minimum,
    PolicyEnforcementMode enforcementMode,
    List<AllowPattern> allowlist,
    OnError onError) {

  public Rule {
    requiredAttestors = List.copyOf(requiredAttestors);
    allowlist = List.copyOf(allowlist);
  }
}
