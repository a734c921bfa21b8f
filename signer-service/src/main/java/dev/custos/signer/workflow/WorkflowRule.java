package dev.custos.signer.workflow;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * One signing workflow rule: which repositories it covers, which authority signs with which key,
 * and the preconditions for signing.
 *
 * @param name the rule's name, which outcomes on {@code signer.outcomes} carry as {@code
 *     workflowRule}
 * @param repository the repositories that the rule covers
 * @param authority the note name of the authority, {@code projects/<project>/notes/<id>}, on which
 *     attestations are created
 * @param keyName the name of the authority's signing key
 * @param vulnerabilityPolicy the vulnerability precondition, {@link VulnerabilityPolicy#ALLOW_ALL}
 *     for none
 * @param requireDiscovery whether a DISCOVERY occurrence must report a finished scan before the
 *     rule decides
 * @param maxDiscoveryWait how long after the push the rule waits for that scan before it refuses.
 *     Required and positive when {@code requireDiscovery} is true, unused otherwise
 * @param requireBuild whether a BUILD occurrence must exist for the digest
 */
public record WorkflowRule(
    String name,
    RepositoryPattern repository,
    String authority,
    String keyName,
    VulnerabilityPolicy vulnerabilityPolicy,
    boolean requireDiscovery,
    Duration maxDiscoveryWait,
    boolean requireBuild) {

  /** The same shape that {@code Require.resourceName} checks on the outcome events. */
  private static final Pattern NOTE_NAME = Pattern.compile("projects/[^/\\s]+/notes/[^/\\s]+");

  /**
   * Validates every field.
   *
   * @throws InvalidWorkflowRuleException naming the field at fault
   */
  public WorkflowRule {
    requireText(name, "name");
    if (repository == null) {
      throw new InvalidWorkflowRuleException("repository", "is required");
    }
    requireText(authority, "authority");
    if (!NOTE_NAME.matcher(authority).matches()) {
      throw new InvalidWorkflowRuleException(
          "authority",
          "'" + authority + "' is not a note name. Expected projects/<project>/notes/<id>");
    }
    requireText(keyName, "keyName");
    if (vulnerabilityPolicy == null) {
      throw new InvalidWorkflowRuleException(
          "vulnerabilityPolicy", "is required. Use VulnerabilityPolicy.ALLOW_ALL for no limit");
    }
    if (requireDiscovery) {
      validateWait(maxDiscoveryWait);
    }
  }

  private static void requireText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new InvalidWorkflowRuleException(field, "is required and must not be blank");
    }
  }

  private static void validateWait(Duration wait) {
    if (wait == null) {
      throw new InvalidWorkflowRuleException(
          "maxDiscoveryWait", "is required when requireDiscovery is true, such as PT10M");
    }
    if (wait.isZero() || wait.isNegative()) {
      throw new InvalidWorkflowRuleException(
          "maxDiscoveryWait", "must be positive, but is " + wait);
    }
  }
}
