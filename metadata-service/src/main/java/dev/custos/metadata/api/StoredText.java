package dev.custos.metadata.api;

/**
 * Finds characters that PostgreSQL cannot store in {@code text} or {@code jsonb}: U+0000, which
 * {@code text} rejects with SQLSTATE 22021 and {@code jsonb} with 22P05, and unpaired UTF-16
 * surrogates, which have no UTF-8 encoding. Requests are checked with it before the database is
 * used, so such input is a 400 instead of a 500.
 */
public final class StoredText {
  private StoredText() {}

  /** Returns the index of the first NUL or unpaired surrogate in {@code text}, or -1 if none. */
  public static int firstInvalidIndex(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\u0000') {
        return i;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
          continue;
        }
        return i;
      }
      if (Character.isLowSurrogate(c)) {
        return i;
      }
    }

    return -1;
  }

  /** Describes the invalid character at {@code index}, such as {@code U+0000 (NUL)}. */
  public static String describe(String text, int index) {
    char c = text.charAt(index);
    String code = String.format("U+%04X", (int) c);

    return c == '\u0000' ? code + " (NUL)" : code + " (an unpaired UTF-16 surrogate)";
  }
}
