package dev.custos.events.image;

import java.util.Optional;

/**
 * Thrown when an image reference, a digest or a Grafeas resource URI is invalid.
 *
 * <p>The message has the form {@code invalid <part> "<value>" in "<input>": <rule>}. Characters
 * outside printable ASCII are escaped as {@code \}{@code uXXXX} and long values are cut, so the
 * message is safe to log. {@link #value()} and {@link #input()} return the unescaped strings.
 */
public final class InvalidImageReferenceException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Maximum number of characters of a value that the message quotes. */
  private static final int MAX_QUOTED_LENGTH = 300;

  /** Part of an image reference, for callers that map a failure to a field or an error code. */
  public enum Part {
    /** The reference as a whole: empty input, whitespace, control characters or a URI scheme. */
    REFERENCE("reference"),
    /** The registry host, with its optional port. */
    HOST("host"),
    /** The repository path, or the full name when it exceeds the length limit. */
    REPOSITORY("repository"),
    TAG("tag"),
    DIGEST("digest");

    private final String label;

    Part(String label) {
      this.label = label;
    }

    /** Returns the lowercase name that error messages use for this part. */
    public String label() {
      return label;
    }
  }

  private final Part part;
  private final String value;
  private final String input;
  private final String rule;

  /**
   * Creates an exception for {@code value}, which breaks {@code rule}.
   *
   * @param input the whole string that was parsed, or null when {@code value} was validated on its
   *     own, for example by a record constructor
   */
  InvalidImageReferenceException(Part part, String value, String input, String rule) {
    super(formatMessage(part, value, input, rule));
    this.part = part;
    this.value = value;
    this.input = input;
    this.rule = rule;
  }

  /** Returns a copy that names {@code input} as the string that contained the value. */
  InvalidImageReferenceException withInput(String input) {
    if (this.input != null) {
      return this;
    }
    return new InvalidImageReferenceException(part, value, input, rule);
  }

  public Part part() {
    return part;
  }

  /** Returns the offending value as given, which is null when the input itself was null. */
  public String value() {
    return value;
  }

  /** Returns the whole string that was parsed, if the value was part of one. */
  public Optional<String> input() {
    return Optional.ofNullable(input);
  }

  /** Returns the rule that the value breaks, without the part and the quoted value. */
  public String rule() {
    return rule;
  }

  private static String formatMessage(Part part, String value, String input, String rule) {
    StringBuilder message = new StringBuilder("invalid ").append(part.label()).append(' ');
    message.append(quote(value));
    if (input != null && !input.equals(value)) {
      message.append(" in ").append(quote(input));
    }
    return message.append(": ").append(rule).toString();
  }

  /**
   * Quotes {@code text} for a message. Characters outside printable ASCII are escaped so that a
   * reference cannot inject line breaks or terminal control sequences into a log.
   */
  static String quote(String text) {
    if (text == null) {
      return "null";
    }

    int shownLength = Math.min(text.length(), MAX_QUOTED_LENGTH);
    StringBuilder quoted = new StringBuilder(shownLength + 2).append('"');
    for (int i = 0; i < shownLength; i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        quoted.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        quoted.append(String.format("\\u%04X", (int) c));
      } else {
        quoted.append(c);
      }
    }
    quoted.append('"');

    if (text.length() > shownLength) {
      quoted.append("... (").append(text.length()).append(" characters)");
    }
    return quoted.toString();
  }
}
