package dev.custos.signer.workflow;

/**
 * A workflow rule whose configuration is invalid. {@link #field()} is the path of the field at
 * fault, such as {@code vulnerabilityPolicy.allowedCves[1]}, or {@code workflows[2].name} when the
 * error concerns the rule at index 2 of a list.
 */
public class InvalidWorkflowRuleException extends IllegalArgumentException {
  private final String field;
  private final String problem;

  public InvalidWorkflowRuleException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
    this.problem = problem;
  }

  public String field() {
    return field;
  }

  /** Returns the message without the field, such as {@code must not be blank}. */
  public String problem() {
    return problem;
  }

  /**
   * Returns a copy that names {@code field} instead, such as the configuration property {@code
   * custos.signer.workflows[2].key-name} for the record field {@code keyName}.
   */
  public InvalidWorkflowRuleException withField(String field) {
    InvalidWorkflowRuleException renamed = new InvalidWorkflowRuleException(field, problem);
    renamed.initCause(this);
    return renamed;
  }
}
