package dev.custos.signer.workflow;

import dev.custos.signer.SignerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds {@link WorkflowRules} from {@code custos.signer.workflows}. */
public final class WorkflowRulesConfig {
  private static final String PREFIX = "custos.signer.";
  private static final Pattern UPPER_CASE_LETTER = Pattern.compile("[A-Z]");

  private WorkflowRulesConfig() {}

  /**
   * Validates and orders the configured rules.
   *
   * @throws InvalidWorkflowRuleException naming the property at fault, such as {@code
   *     custos.signer.workflows[1].vulnerability-policy.blocked-cves[0]}
   */
  public static WorkflowRules fromConfig(List<SignerConfig.Workflow> workflows) {
    List<WorkflowRule> rules = new ArrayList<>();
    for (int i = 0; i < workflows.size(); i++) {
      String property = PREFIX + "workflows[" + i + "].";
      try {
        rules.add(toRule(workflows.get(i)));
      } catch (InvalidWorkflowRuleException e) {
        throw e.withField(property + toPropertyName(e.field()));
      }
    }

    try {
      return WorkflowRules.of(rules);
    } catch (InvalidWorkflowRuleException e) {
      throw e.withField(PREFIX + toPropertyName(e.field()));
    }
  }

  /**
   * Returns the configuration spelling of a record field path: {@code
   * vulnerabilityPolicy.allowedCves[1]} becomes {@code vulnerability-policy.allowed-cves[1]}.
   */
  static String toPropertyName(String fieldPath) {
    Matcher matcher = UPPER_CASE_LETTER.matcher(fieldPath);
    StringBuilder kebab = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(kebab, "-" + matcher.group().toLowerCase(Locale.ROOT));
    }
    matcher.appendTail(kebab);
    return kebab.toString();
  }

  private static WorkflowRule toRule(SignerConfig.Workflow workflow) {
    RepositoryPattern repository = new RepositoryPattern(workflow.repository());
    return new WorkflowRule(
        workflow.name().orElse(workflow.repository()),
        repository,
        workflow.authority(),
        workflow.keyName(),
        toPolicy(workflow.vulnerabilityPolicy()),
        workflow.requireDiscovery(),
        workflow.maxDiscoveryWait(),
        workflow.requireBuild());
  }

  private static VulnerabilityPolicy toPolicy(SignerConfig.VulnerabilitySettings policy) {
    return new VulnerabilityPolicy(
        policy.maximumFixableSeverity(),
        policy.maximumUnfixableSeverity(),
        policy.allowedCves().orElse(List.of()),
        policy.blockedCves().orElse(List.of()),
        policy.ignoreMissingSeverity());
  }
}
