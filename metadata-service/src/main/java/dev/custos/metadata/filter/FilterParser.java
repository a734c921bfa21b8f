package dev.custos.metadata.filter;

import dev.custos.metadata.api.InvalidArgumentException;
import dev.custos.metadata.api.StoredText;
import dev.custos.metadata.filter.FilterExpression.And;
import dev.custos.metadata.filter.FilterExpression.Comparator;
import dev.custos.metadata.filter.FilterExpression.Not;
import dev.custos.metadata.filter.FilterExpression.Or;
import dev.custos.metadata.filter.FilterExpression.Restriction;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses list filters in the AIP-160 grammar that Grafeas and Container Analysis use:
 *
 * <pre>
 * filter      = [expression]
 * expression  = sequence { "AND" sequence }
 * sequence    = factor { factor }           (adjacent factors are joined with AND)
 * factor      = term { "OR" term }
 * term        = [ "NOT" | "-" ] simple
 * simple      = restriction | "(" expression ")"
 * restriction = field comparator value      (comparator: = != &lt; &lt;= &gt; &gt;= :)
 * </pre>
 *
 * <p>So OR binds tighter than AND: {@code a AND b OR c} means {@code a AND (b OR c)}. Keywords are
 * upper case. A value is a quoted string ({@code "..."} or {@code '...'}, with backslash escapes)
 * or a bare word, which ends at white space, a parenthesis, a quote or an operator character.
 * Errors are 400 and give the 1-based position in the filter.
 */
public final class FilterParser {
  /** Maximum length of a filter in characters. */
  public static final int MAX_LENGTH = 8192;

  /** Maximum number of restrictions in one filter, which bounds the size of the SQL. */
  public static final int MAX_RESTRICTIONS = 200;

  /** Maximum nesting of parentheses and NOT. */
  public static final int MAX_DEPTH = 32;

  private static final Pattern FIELD =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

  private final String filter;
  private final List<Token> tokens;
  private int next;
  private int restrictions;

  private FilterParser(String filter) {
    this.filter = filter;
    this.tokens = tokenize(filter);
  }

  /**
   * Parses {@code filter}, or returns null when it is null or blank, which means no filter.
   *
   * @throws InvalidArgumentException if the filter does not follow the grammar, with the position
   */
  public static FilterExpression parse(String filter) {
    if (filter == null || filter.isBlank()) {
      return null;
    }
    if (filter.length() > MAX_LENGTH) {
      throw new InvalidArgumentException(
          "Invalid filter: it has "
              + filter.length()
              + " characters, more than the maximum of "
              + MAX_LENGTH);
    }
    int invalid = StoredText.firstInvalidIndex(filter);
    if (invalid >= 0) {
      throw new InvalidArgumentException(
          "Invalid filter at position "
              + (invalid + 1)
              + ": it contains "
              + StoredText.describe(filter, invalid)
              + ", which no stored value can contain. Remove it");
    }

    FilterParser parser = new FilterParser(filter);
    FilterExpression expression = parser.expression(0);
    Token rest = parser.peek();
    if (rest.type != TokenType.END) {
      throw parser.error(rest, "expected AND, OR or the end of the filter");
    }

    return expression;
  }

  private FilterExpression expression(int depth) {
    List<FilterExpression> operands = new ArrayList<>();
    operands.add(sequence(depth));
    while (peek().isKeyword("AND")) {
      next++;
      operands.add(sequence(depth));
    }

    return operands.size() == 1 ? operands.get(0) : new And(operands);
  }

  private FilterExpression sequence(int depth) {
    List<FilterExpression> operands = new ArrayList<>();
    operands.add(factor(depth));
    while (startsTerm(peek())) {
      operands.add(factor(depth));
    }

    return operands.size() == 1 ? operands.get(0) : new And(operands);
  }

  private FilterExpression factor(int depth) {
    List<FilterExpression> operands = new ArrayList<>();
    operands.add(term(depth));
    while (peek().isKeyword("OR")) {
      next++;
      operands.add(term(depth));
    }

    return operands.size() == 1 ? operands.get(0) : new Or(operands);
  }

  private FilterExpression term(int depth) {
    Token token = peek();
    if (token.isKeyword("NOT") || (token.type == TokenType.WORD && token.text.equals("-"))) {
      next++;
      return new Not(simple(nested(depth, token)));
    }
    if (token.type == TokenType.WORD && token.text.startsWith("-") && token.text.length() > 1) {
      // "-kind" arrives as one word, because a bare value such as -1 may start with a minus.
      tokens.set(next, new Token(TokenType.WORD, token.text.substring(1), token.position + 1));
      return new Not(simple(nested(depth, token)));
    }

    return simple(depth);
  }

  private FilterExpression simple(int depth) {
    Token token = peek();
    if (token.type == TokenType.LEFT_PAREN) {
      next++;
      FilterExpression inner = expression(nested(depth, token));
      Token close = peek();
      if (close.type != TokenType.RIGHT_PAREN) {
        throw error(close, "expected ')' to close the '(' at position " + token.position);
      }
      next++;
      return inner;
    }

    return restriction(token);
  }

  private Restriction restriction(Token field) {
    if (field.type != TokenType.WORD || isKeyword(field)) {
      throw error(field, "expected a field name, NOT, '-' or '('");
    }
    if (!FIELD.matcher(field.text).matches()) {
      throw error(
          field,
          "'"
              + field.text
              + "' is not a field name; a field is a dotted path such as"
              + " vulnerability.effectiveSeverity");
    }
    next++;

    Token comparator = peek();
    if (comparator.type != TokenType.COMPARATOR) {
      throw error(
          comparator,
          "expected a comparison operator (=, !=, <, <=, >, >=, :) after field '"
              + field.text
              + "'");
    }
    next++;

    Token value = peek();
    if (value.type != TokenType.WORD && value.type != TokenType.STRING) {
      throw error(value, "expected a value after '" + field.text + " " + comparator.text + "'");
    }
    next++;

    restrictions++;
    if (restrictions > MAX_RESTRICTIONS) {
      throw error(field, "the filter has more than " + MAX_RESTRICTIONS + " comparisons");
    }

    return new Restriction(
        field.text,
        field.position,
        comparatorOf(comparator.text),
        value.text,
        value.type == TokenType.STRING);
  }

  private int nested(int depth, Token token) {
    if (depth + 1 > MAX_DEPTH) {
      throw error(token, "parentheses and NOT are nested more than " + MAX_DEPTH + " deep");
    }

    return depth + 1;
  }

  private static boolean startsTerm(Token token) {
    return token.type == TokenType.LEFT_PAREN
        || token.isKeyword("NOT")
        || (token.type == TokenType.WORD && !isKeyword(token));
  }

  private static boolean isKeyword(Token token) {
    return token.isKeyword("AND") || token.isKeyword("OR") || token.isKeyword("NOT");
  }

  private Token peek() {
    return tokens.get(next);
  }

  private InvalidArgumentException error(Token token, String expected) {
    String found = token.type == TokenType.END ? "the end of the filter" : "'" + token.text + "'";

    return new InvalidArgumentException(
        "Invalid filter at position "
            + token.position
            + ": "
            + expected
            + ", but found "
            + found
            + " in: "
            + filter);
  }

  private static Comparator comparatorOf(String symbol) {
    for (Comparator comparator : Comparator.values()) {
      if (comparator.symbol().equals(symbol)) {
        return comparator;
      }
    }

    throw new IllegalArgumentException("Not a comparator: " + symbol);
  }

  private enum TokenType {
    WORD,
    STRING,
    COMPARATOR,
    LEFT_PAREN,
    RIGHT_PAREN,
    END
  }

  /** A token with its 1-based position in the filter. */
  private record Token(TokenType type, String text, int position) {
    boolean isKeyword(String keyword) {
      return type == TokenType.WORD && text.equals(keyword);
    }
  }

  private static List<Token> tokenize(String filter) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < filter.length()) {
      char c = filter.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(') {
        tokens.add(new Token(TokenType.LEFT_PAREN, "(", i + 1));
        i++;
      } else if (c == ')') {
        tokens.add(new Token(TokenType.RIGHT_PAREN, ")", i + 1));
        i++;
      } else if (c == '"' || c == '\'') {
        i = readString(filter, i, tokens);
      } else if (isOperatorChar(c)) {
        i = readComparator(filter, i, tokens);
      } else {
        int start = i;
        while (i < filter.length() && isWordChar(filter.charAt(i))) {
          i++;
        }
        tokens.add(new Token(TokenType.WORD, filter.substring(start, i), start + 1));
      }
    }
    tokens.add(new Token(TokenType.END, "", filter.length() + 1));

    return tokens;
  }

  private static int readString(String filter, int start, List<Token> tokens) {
    char quote = filter.charAt(start);
    StringBuilder value = new StringBuilder();
    int i = start + 1;
    while (i < filter.length()) {
      char c = filter.charAt(i);
      if (c == quote) {
        tokens.add(new Token(TokenType.STRING, value.toString(), start + 1));
        return i + 1;
      }
      if (c == '\\' && i + 1 < filter.length()) {
        value.append(filter.charAt(i + 1));
        i += 2;
      } else {
        value.append(c);
        i++;
      }
    }

    throw new InvalidArgumentException(
        "Invalid filter at position "
            + (start + 1)
            + ": the string that starts there has no closing "
            + quote
            + " in: "
            + filter);
  }

  private static int readComparator(String filter, int start, List<Token> tokens) {
    char c = filter.charAt(start);
    boolean twoChars =
        start + 1 < filter.length()
            && filter.charAt(start + 1) == '='
            && (c == '<' || c == '>' || c == '!');
    String symbol = twoChars ? filter.substring(start, start + 2) : String.valueOf(c);
    if (symbol.equals("!")) {
      throw new InvalidArgumentException(
          "Invalid filter at position "
              + (start + 1)
              + ": '!' must be followed by '=' (use != or NOT) in: "
              + filter);
    }
    tokens.add(new Token(TokenType.COMPARATOR, symbol, start + 1));

    return start + symbol.length();
  }

  private static boolean isOperatorChar(char c) {
    return c == '=' || c == '!' || c == '<' || c == '>' || c == ':';
  }

  private static boolean isWordChar(char c) {
    return !Character.isWhitespace(c)
        && c != '('
        && c != ')'
        && c != '"'
        && c != '\''
        && !isOperatorChar(c);
  }
}
