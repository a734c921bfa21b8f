package dev.custos.metadata.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.metadata.api.InvalidArgumentException;
import dev.custos.metadata.filter.FilterExpression.And;
import dev.custos.metadata.filter.FilterExpression.Not;
import dev.custos.metadata.filter.FilterExpression.Or;
import dev.custos.metadata.filter.FilterExpression.Restriction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FilterParserTest {

  /** Renders a tree as AND(...), OR(...), NOT(...) and field op [value], with quotes marked. */
  private static String render(FilterExpression expression) {
    if (expression instanceof And and) {
      return "AND("
          + and.operands().stream().map(FilterParserTest::render).collect(Collectors.joining(", "))
          + ")";
    }
    if (expression instanceof Or or) {
      return "OR("
          + or.operands().stream().map(FilterParserTest::render).collect(Collectors.joining(", "))
          + ")";
    }
    if (expression instanceof Not not) {
      return "NOT(" + render(not.operand()) + ")";
    }
    Restriction restriction = (Restriction) expression;
    String value = restriction.quoted() ? "\"" + restriction.value() + "\"" : restriction.value();

    return restriction.field() + " " + restriction.comparator().symbol() + " [" + value + "]";
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "kind=\"VULNERABILITY\"                | kind = [\"VULNERABILITY\"]",
        "kind = VULNERABILITY                  | kind = [VULNERABILITY]",
        "a=1 AND b=2                           | AND(a = [1], b = [2])",
        "a=1 OR b=2                            | OR(a = [1], b = [2])",
        "a=1 AND b=2 OR c=3                    | AND(a = [1], OR(b = [2], c = [3]))",
        "a=1 OR b=2 AND c=3                    | AND(OR(a = [1], b = [2]), c = [3])",
        "(a=1 AND b=2) OR c=3                  | OR(AND(a = [1], b = [2]), c = [3])",
        "a=1 b=2 OR c=3                        | AND(a = [1], OR(b = [2], c = [3]))",
        "NOT a=1                               | NOT(a = [1])",
        "-a=1                                  | NOT(a = [1])",
        "-(a=1 OR b=2)                         | NOT(OR(a = [1], b = [2]))",
        "NOT (a=1) AND b!=2                    | AND(NOT(a = [1]), b != [2])",
        "x.y<1 AND x.y<=2 AND x.y>3 AND x.y>=4 | AND(x.y < [1], x.y <= [2], x.y > [3], x.y >= [4])",
        "score > -1.5                          | score > [-1.5]",
        "a:*                                   | a : [*]",
        "a:\"*\"                               | a : [\"*\"]",
        "a=\"say \\\"hi\\\"\"                  | a = [\"say \"hi\"\"]",
        "a='single \"quoted\"'                 | a = [\"single \"quoted\"\"]",
        "resourceUri=\"x' OR '1'='1\"          | resourceUri = [\"x' OR '1'='1\"]",
        "  ((a=1))                             | a = [1]",
      })
  void parsesGrammar(String filter, String expected) {
    assertThat(render(FilterParser.parse(filter))).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void blankFilterIsNone(String filter) {
    assertThat(FilterParser.parse(filter)).isNull();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "kind=                     | position 6: expected a value after 'kind ='",
        "kind                      | position 5: expected a comparison operator",
        "(kind=\"X\"               | position 10: expected ')' to close the '(' at position 1",
        "kind=\"X\" AND            | position 13: expected a field name",
        "kind=\"X\" OR OR a=1      | position 13: expected a field name",
        "kind=\"X\")               | position 9: expected AND, OR or the end of the filter",
        "resourceUri=\"abc         | position 13: the string that starts there has no closing",
        "kind ! \"X\"              | position 6: '!' must be followed by '='",
        "9lives=1                  | position 1: '9lives' is not a field name",
        "a.=1                      | position 1: 'a.' is not a field name",
        "a=1 AND =2                | position 9: expected a field name",
        "resourceUri=https://x     | position 18: expected AND, OR or the end of the filter",
      })
  void rejectsMalformedFilter(String filter, String message) {
    assertThatThrownBy(() -> FilterParser.parse(filter))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("Invalid filter at " + message);
  }

  @Test
  void rejectsTooManyComparisons() {
    String filter =
        IntStream.range(0, FilterParser.MAX_RESTRICTIONS + 1)
            .mapToObj(i -> "a=" + i)
            .collect(Collectors.joining(" OR "));

    assertThatThrownBy(() -> FilterParser.parse(filter))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("more than " + FilterParser.MAX_RESTRICTIONS + " comparisons");
  }

  @Test
  void rejectsDeepNesting() {
    String filter = "(".repeat(FilterParser.MAX_DEPTH + 1) + "a=1" + ")".repeat(40);

    assertThatThrownBy(() -> FilterParser.parse(filter))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("nested more than " + FilterParser.MAX_DEPTH);
  }

  @Test
  void rejectsOverlongFilter() {
    String filter = "a=\"" + "x".repeat(FilterParser.MAX_LENGTH) + "\"";

    assertThatThrownBy(() -> FilterParser.parse(filter))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("more than the maximum of " + FilterParser.MAX_LENGTH);
  }
}
