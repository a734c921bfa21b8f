package dev.custos.events.signer;

import dev.custos.events.Require;
import java.util.regex.Pattern;

/**
 * One reason why the signer refused to sign.
 *
 * @param code a stable machine-readable code in upper snake case, such as {@code
 *     VULNERABILITY_ABOVE_THRESHOLD}
 * @param message a sentence for people, naming the values involved
 */
public record RefusalReason(String code, String message) {
  private static final Pattern UPPER_SNAKE_CASE = Pattern.compile("[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*");

  public RefusalReason {
    Require.text(code, "code");
    if (!UPPER_SNAKE_CASE.matcher(code).matches()) {
      throw new IllegalArgumentException(
          "code must be in upper snake case, such as SCAN_TIMED_OUT, but is '" + code + "'");
    }
    Require.text(message, "message");
  }
}
