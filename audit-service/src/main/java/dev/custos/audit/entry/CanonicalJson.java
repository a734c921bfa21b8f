package dev.custos.audit.entry;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The JSON Canonicalization Scheme of RFC 8785 over Jackson trees: object members sorted by their
 * names as UTF-16 code units, no whitespace, strings with the minimal escaping of ECMAScript's
 * {@code JSON.stringify}, and numbers as ECMAScript formats an IEEE 754 double. The output is
 * UTF-8.
 */
public final class CanonicalJson {
  /** Largest magnitude up to which every integer is exactly representable as a double, 2^53. */
  private static final long MAX_EXACT_INTEGER = 1L << 53;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private CanonicalJson() {}

  /**
   * Returns the canonical UTF-8 bytes of a JSON value.
   *
   * @throws IllegalArgumentException if the value contains a number that is not finite, an integer
   *     beyond +-2^53 (which a double would round), a string with an unpaired surrogate, or a node
   *     that is not plain JSON (binary or POJO)
   */
  public static byte[] encode(JsonNode value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Returns the canonical form of a JSON value as a string. */
  public static String toText(JsonNode value) {
    return new String(encode(value), StandardCharsets.UTF_8);
  }

  private static void write(JsonNode value, StringBuilder out) {
    switch (value.getNodeType()) {
      case OBJECT:
        writeObject(value, out);
        break;
      case ARRAY:
        writeArray(value, out);
        break;
      case STRING:
        writeString(value.textValue(), out);
        break;
      case NUMBER:
        out.append(formatNumber(value));
        break;
      case BOOLEAN:
        out.append(value.booleanValue() ? "true" : "false");
        break;
      case NULL:
        out.append("null");
        break;
      default:
        throw new IllegalArgumentException(
            "JSON node of type " + value.getNodeType() + " has no canonical JSON form");
    }
  }

  private static void writeObject(JsonNode object, StringBuilder out) {
    List<String> names = new ArrayList<>(object.size());
    object.fieldNames().forEachRemaining(names::add);
    // String.compareTo compares UTF-16 code units, the order RFC 8785 section 3.2.3 requires.
    names.sort(String::compareTo);

    out.append('{');
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      writeString(names.get(i), out);
      out.append(':');
      write(object.get(names.get(i)), out);
    }
    out.append('}');
  }

  private static void writeArray(JsonNode array, StringBuilder out) {
    out.append('[');
    Iterator<JsonNode> elements = array.elements();
    boolean first = true;
    while (elements.hasNext()) {
      if (!first) {
        out.append(',');
      }
      write(elements.next(), out);
      first = false;
    }
    out.append(']');
  }

  /**
   * Writes a string with only the escapes that RFC 8785 keeps: quote, backslash, the five short
   * control escapes, and a six-character escape with lowercase hex for the other controls below
   * U+0020.
   */
  static void writeString(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\b':
          out.append("\\b");
          break;
        case '\f':
          out.append("\\f");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          if (c < 0x20) {
            out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
          } else {
            requirePairedSurrogate(text, i);
            out.append(c);
          }
      }
    }
    out.append('"');
  }

  private static void requirePairedSurrogate(String text, int i) {
    char c = text.charAt(i);
    boolean unpaired =
        (Character.isHighSurrogate(c)
                && (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))))
            || (Character.isLowSurrogate(c)
                && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1))));
    if (unpaired) {
      throw new IllegalArgumentException(
          "string has an unpaired UTF-16 surrogate at index " + i + ", which UTF-8 cannot encode");
    }
  }

  private static String formatNumber(JsonNode number) {
    if (number.isIntegralNumber()) {
      return formatInteger(number);
    }
    return formatDouble(number.doubleValue());
  }

  private static String formatInteger(JsonNode number) {
    if (!number.canConvertToLong()
        || Math.abs(number.longValue()) > MAX_EXACT_INTEGER
        || number.longValue() == Long.MIN_VALUE) {
      throw new IllegalArgumentException(
          "integer "
              + number.asText()
              + " is beyond +-2^53 and would change as an IEEE 754 double; send it as a string");
    }
    return formatDouble(number.longValue());
  }

  /**
   * Formats a double as ECMAScript's Number::toString does: the shortest decimal digits that read
   * back as the same double, in plain notation for exponents from -7 to 20 and in exponent notation
   * with an explicit sign otherwise. Negative zero becomes {@code 0}.
   */
  static String formatDouble(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("number " + value + " is not finite and has no JSON form");
    }
    if (value == 0) {
      return "0";
    }
    if (value < 0) {
      return "-" + formatDouble(-value);
    }

    BigDecimal shortest = shortestDecimal(value);
    String digits = shortest.unscaledValue().toString();
    int k = digits.length();
    // value = digits * 10^(n - k), in the notation of ECMA-262 Number::toString.
    int n = k - shortest.scale();
    return layOut(digits, k, n);
  }

  private static String layOut(String digits, int k, int n) {
    StringBuilder out = new StringBuilder();
    if (k <= n && n <= 21) {
      out.append(digits).append("0".repeat(n - k));
    } else if (0 < n && n <= 21) {
      out.append(digits, 0, n).append('.').append(digits, n, k);
    } else if (-6 < n && n <= 0) {
      out.append("0.").append("0".repeat(-n)).append(digits);
    } else {
      out.append(digits.charAt(0));
      if (k > 1) {
        out.append('.').append(digits, 1, k);
      }
      out.append('e').append(n - 1 < 0 ? '-' : '+').append(Math.abs(n - 1));
    }
    return out.toString();
  }

  /**
   * Returns the decimal with the fewest significant digits that parses back to {@code value}, the
   * one closest to it when two of that length do, without trailing zeros. Java 17's {@code
   * Double.toString} does not always return the shortest digits, so they are searched here: for
   * each length, the two neighbours of the exact value are tried, since near a power of two the
   * doubles below are closer together than those above.
   */
  private static BigDecimal shortestDecimal(double value) {
    BigDecimal exact = new BigDecimal(value);
    for (int precision = 1; precision <= 17; precision++) {
      BigDecimal down = exact.round(new MathContext(precision, RoundingMode.FLOOR));
      BigDecimal up = exact.round(new MathContext(precision, RoundingMode.CEILING));
      boolean downMatches = down.doubleValue() == value;
      boolean upMatches = up.doubleValue() == value;
      if (downMatches && upMatches) {
        return closer(exact, down, up).stripTrailingZeros();
      }
      if (downMatches) {
        return down.stripTrailingZeros();
      }
      if (upMatches) {
        return up.stripTrailingZeros();
      }
    }
    throw new IllegalStateException("no decimal of 17 digits reads back as " + value);
  }

  private static BigDecimal closer(BigDecimal exact, BigDecimal down, BigDecimal up) {
    int comparison = exact.subtract(down).compareTo(up.subtract(exact));
    if (comparison < 0) {
      return down;
    }
    if (comparison > 0) {
      return up;
    }
    boolean downIsEven = !down.unscaledValue().testBit(0);
    return downIsEven ? down : up;
  }
}
