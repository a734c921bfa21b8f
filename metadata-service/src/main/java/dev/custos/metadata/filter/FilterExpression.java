package dev.custos.metadata.filter;

import java.util.List;

/**
 * A parsed list filter in the AIP-160 grammar, before it is checked against a resource's fields.
 */
public sealed interface FilterExpression {

  /** Every operand must hold: {@code a AND b}, and also {@code a b}. */
  record And(List<FilterExpression> operands) implements FilterExpression {}

  /** At least one operand must hold: {@code a OR b}. */
  record Or(List<FilterExpression> operands) implements FilterExpression {}

  /** The operand must not hold: {@code NOT a} or {@code -a}. */
  record Not(FilterExpression operand) implements FilterExpression {}

  /**
   * A comparison of a field with a value, such as {@code kind = "VULNERABILITY"}.
   *
   * @param field the field path as written, such as {@code vulnerability.effectiveSeverity}
   * @param fieldPosition the 1-based position of the field in the filter, for error messages
   * @param comparator the operator between field and value
   * @param value the value, without quotes and with escapes resolved
   * @param quoted whether the value was a quoted string, so that {@code "*"} is a plain asterisk
   *     and only a bare {@code *} means any value
   */
  record Restriction(
      String field, int fieldPosition, Comparator comparator, String value, boolean quoted)
      implements FilterExpression {

    /** Returns whether this is {@code field:*}, which holds when the field is present. */
    public boolean isPresenceTest() {
      return comparator == Comparator.HAS && !quoted && value.equals("*");
    }
  }

  /** The comparison operators of the grammar. */
  enum Comparator {
    EQUALS("="),
    NOT_EQUALS("!="),
    LESS("<"),
    LESS_OR_EQUALS("<="),
    GREATER(">"),
    GREATER_OR_EQUALS(">="),
    HAS(":");

    private final String symbol;

    Comparator(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    /** Returns whether the operator orders values, which enums and booleans do not support. */
    public boolean isOrdering() {
      return this == LESS || this == LESS_OR_EQUALS || this == GREATER || this == GREATER_OR_EQUALS;
    }
  }
}
