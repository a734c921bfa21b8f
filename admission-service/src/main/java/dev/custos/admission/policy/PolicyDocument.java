package dev.custos.admission.policy;

import java.util.List;
import java.util.Map;

/**
 * The policy YAML as written, before validation. {@link PolicyParser} reads it with unknown fields
 * rejected, so every field of these records is the whole vocabulary of the file. An absent field is
 * null.
 *
 * @param attestors the attestors that rules may require
 * @param defaultRule the rule for namespaces without their own rule
 * @param namespaces rules by namespace name
 * @param allowlist patterns of images that every rule allows without a lookup
 * @param exemptNamespaces namespaces whose requests are admitted without evaluation, by default
 *     {@code kube-system} and the service's own namespace
 */
public record PolicyDocument(
    List<AttestorDocument> attestors,
    RuleDocument defaultRule,
    Map<String, RuleDocument> namespaces,
    List<String> allowlist,
    List<String> exemptNamespaces) {

  /**
   * An attestor as written.
   *
   * @param name the name that rules refer to
   * @param note the Grafeas note that the attestor's attestations hang off, {@code
   *     projects/<project>/notes/<note>}
   * @param publicKeys the keys whose signatures count for this attestor, several during a rotation
   */
  public record AttestorDocument(String name, String note, List<PublicKeyDocument> publicKeys) {}

  /**
   * A public key as written.
   *
   * @param id the key id that attestation signatures name in {@code publicKeyId}, or null to accept
   *     the key's own id (the OpenPGP fingerprint)
   * @param key an armored OpenPGP public key or a PEM {@code PUBLIC KEY} (PKIX)
   */
  public record PublicKeyDocument(String id, String key) {}

  /**
   * A rule as written.
   *
   * @param evaluationMode the test that each image must pass, required
   * @param attestors the attestors required by {@code REQUIRE_ATTESTATION}, by default all of them
   * @param minimum how many of {@code attestors} must have attested, by default all of them
   * @param enforcementMode what a denial does, by default {@code ENFORCED_BLOCK_AND_AUDIT_LOG}
   * @param allowlist patterns of images that this rule allows in addition to the global ones
   * @param onError what an attestation check that cannot finish does, by default {@code DENY}
   */
  public record RuleDocument(
      EvaluationMode evaluationMode,
      List<String> attestors,
      Integer minimum,
      PolicyEnforcementMode enforcementMode,
      List<String> allowlist,
      OnError onError) {}
}
