package dev.custos.signer.workflow;

import dev.custos.events.image.ImageReference;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The configured workflow rules in order. The first rule whose pattern matches applies. */
public final class WorkflowRules {
  private final List<WorkflowRule> rules;

  private WorkflowRules(List<WorkflowRule> rules) {
    this.rules = rules;
  }

  /**
   * Checks the rules against each other.
   *
   * @throws InvalidWorkflowRuleException on {@code workflows[<index>].name} when two rules share a
   *     name, and on {@code workflows[<index>].repository} when a rule repeats an earlier rule's
   *     pattern, so that it could never match
   */
  public static WorkflowRules of(List<WorkflowRule> rules) {
    Map<String, Integer> indexByName = new HashMap<>();
    Map<String, Integer> indexByPattern = new HashMap<>();
    for (int i = 0; i < rules.size(); i++) {
      WorkflowRule rule = rules.get(i);
      if (rule == null) {
        throw new InvalidWorkflowRuleException(field(i, ""), "rule is missing (null)");
      }

      Integer sameName = indexByName.putIfAbsent(rule.name(), i);
      if (sameName != null) {
        throw new InvalidWorkflowRuleException(
            field(i, ".name"),
            "'" + rule.name() + "' is already the name of workflows[" + sameName + "]");
      }
      Integer samePattern = indexByPattern.putIfAbsent(rule.repository().glob(), i);
      if (samePattern != null) {
        throw new InvalidWorkflowRuleException(
            field(i, ".repository"),
            "'"
                + rule.repository()
                + "' never matches, because workflows["
                + samePattern
                + "] has the same pattern and comes first");
      }
    }
    return new WorkflowRules(List.copyOf(rules));
  }

  /** Returns the first rule that covers the image's repository, or empty when none does. */
  public Optional<WorkflowRule> match(ImageReference image) {
    return match(image.canonicalName());
  }

  /** Returns the first rule that covers {@code canonicalName}, or empty when none does. */
  public Optional<WorkflowRule> match(String canonicalName) {
    return rules.stream().filter(rule -> rule.repository().matches(canonicalName)).findFirst();
  }

  public List<WorkflowRule> rules() {
    return rules;
  }

  public int size() {
    return rules.size();
  }

  private static String field(int index, String suffix) {
    return "workflows[" + index + "]" + suffix;
  }
}
