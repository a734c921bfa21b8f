package dev.custos.admission.policy;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a policy document cannot be read or fails validation. The message lists every
 * violation found, one per line, each with its field path.
 */
public final class InvalidPolicyException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<PolicyViolation> violations;

  public InvalidPolicyException(List<PolicyViolation> violations) {
    super(format(violations));
    this.violations = List.copyOf(violations);
  }

  InvalidPolicyException(PolicyViolation violation, Throwable cause) {
    super(format(List.of(violation)), cause);
    this.violations = List.of(violation);
  }

  public List<PolicyViolation> violations() {
    return violations;
  }

  private static String format(List<PolicyViolation> violations) {
    String lines =
        violations.stream().map(PolicyViolation::toString).collect(Collectors.joining("\n"));
    return "invalid policy:\n" + lines;
  }
}
