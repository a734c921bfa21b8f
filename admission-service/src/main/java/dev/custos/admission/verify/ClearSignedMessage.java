package dev.custos.admission.verify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenPGP clear-signed message, as {@code gpg --clearsign} writes it (RFC 4880 section 7): the
 * signed text in the clear, then an armored signature.
 *
 * @param text the signed text after the clear-sign canonicalisation: dash escapes removed, trailing
 *     spaces and tabs stripped from every line, lines joined with {@code \n}, and no line break
 *     after the last line
 * @param signatureArmor the armored signature block, from its BEGIN line to the end of the message
 */
record ClearSignedMessage(String text, String signatureArmor) {
  static final String BEGIN_MESSAGE = "-----BEGIN PGP SIGNED MESSAGE-----";
  private static final String BEGIN_SIGNATURE = "-----BEGIN PGP SIGNATURE-----";

  /**
   * Returns whether {@code message} starts, after leading whitespace, as a clear-signed message.
   */
  static boolean isClearSigned(String message) {
    return message.stripLeading().startsWith(BEGIN_MESSAGE);
  }

  /**
   * Splits a clear-signed message into its canonical text and its signature block.
   *
   * @throws IllegalArgumentException if the message lacks the header, the blank line after the
   *     armor headers, or the signature block, or has a text line that starts with an unescaped
   *     dash
   */
  static ClearSignedMessage parse(String message) {
    String[] lines = message.stripLeading().split("\r?\n", -1);
    if (!lines[0].strip().equals(BEGIN_MESSAGE)) {
      throw new IllegalArgumentException("the message does not start with " + BEGIN_MESSAGE);
    }

    int index = skipArmorHeaders(lines);
    List<String> textLines = new ArrayList<>();
    while (index < lines.length && !lines[index].strip().equals(BEGIN_SIGNATURE)) {
      textLines.add(canonicalLine(unescapeDash(lines[index])));
      index++;
    }
    if (index == lines.length) {
      throw new IllegalArgumentException("the message has no " + BEGIN_SIGNATURE + " line");
    }

    String signature = String.join("\n", List.of(lines).subList(index, lines.length));
    return new ClearSignedMessage(String.join("\n", textLines), signature);
  }

  /**
   * Returns {@code text} canonicalised as the clear text of a message is: trailing spaces and tabs
   * stripped from every line, and a final line break removed.
   */
  static String canonicalText(String text) {
    String[] lines = text.split("\r?\n", -1);
    int count = lines.length;
    if (count > 1 && lines[count - 1].isEmpty()) {
      count--;
    }

    List<String> canonical = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      canonical.add(canonicalLine(lines[i]));
    }
    return String.join("\n", canonical);
  }

  /**
   * Returns the bytes that the signature covers: the canonical text in UTF-8 with {@code CRLF}
   * between lines.
   */
  byte[] signedBytes() {
    return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
  }

  private static int skipArmorHeaders(String[] lines) {
    int index = 1;
    while (index < lines.length && !lines[index].isBlank()) {
      if (!lines[index].contains(": ")) {
        throw new IllegalArgumentException(
            "armor header line " + (index + 1) + " is not a \"Name: value\" header");
      }
      index++;
    }
    if (index == lines.length) {
      throw new IllegalArgumentException("the blank line after the armor headers is missing");
    }
    return index + 1;
  }

  private static String unescapeDash(String line) {
    if (line.startsWith("- ")) {
      return line.substring(2);
    }
    if (line.startsWith("-")) {
      throw new IllegalArgumentException(
          "a text line starts with \"-\" without the dash escape \"- \"");
    }
    return line;
  }

  private static String canonicalLine(String line) {
    int end = line.length();
    while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
      end--;
    }
    return line.substring(0, end);
  }
}
