package dev.custos.events.image;

import dev.custos.events.image.InvalidImageReferenceException.Part;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits reference strings into host, repository, tag and digest. {@link ImageReference} and {@link
 * Digest} validate the parts, and this class adds the input to their errors.
 */
final class ReferenceParser {
  private static final String RESOURCE_URI_SCHEME = "https";

  /** URI scheme as RFC 3986 section 3.1 defines it, followed by "://". */
  private static final Pattern URI_SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://");

  private ReferenceParser() {}

  static ImageReference parse(String input) {
    validateCharacters(input);
    if (input.contains("://")) {
      throw invalidReference(
          input,
          "image references have no URI scheme."
              + " Remove it, or call ImageReference.parseResourceUri for a Grafeas resource URI");
    }
    return parseWithContext(input, input);
  }

  static ImageReference parseResourceUri(String input) {
    validateCharacters(input);
    String reference = removeScheme(input);
    ImageReference parsed = parseWithContext(reference, input);
    if (!parsed.hasDigest()) {
      throw new InvalidImageReferenceException(
          Part.DIGEST,
          "",
          input,
          "missing digest. A resource URI names an image by digest,"
              + " e.g. https://docker.io/library/nginx@sha256:<64 hex>");
    }
    return parsed;
  }

  /**
   * Rejects null, empty and blank input, leading or trailing whitespace, and control or space
   * characters anywhere, before splitting can turn them into confusing component errors.
   */
  private static void validateCharacters(String input) {
    if (input == null) {
      throw invalidReference(null, "an image reference is required, got null");
    }
    if (input.isEmpty()) {
      throw invalidReference(input, "the reference is empty");
    }
    if (input.chars().allMatch(c -> isSpace((char) c))) {
      throw invalidReference(input, "the reference contains only whitespace");
    }
    if (isSpace(input.charAt(0)) || isSpace(input.charAt(input.length() - 1))) {
      throw invalidReference(input, "the reference has leading or trailing whitespace. Trim it");
    }

    for (int i = 0; i < input.length(); i++) {
      char c = input.charAt(i);
      if (Character.isISOControl(c)) {
        throw invalidReference(
            input,
            String.format(
                "the reference contains the control character U+%04X at index %d", (int) c, i));
      }
      if (isSpace(c)) {
        throw invalidReference(input, "the reference contains whitespace at index " + i);
      }
    }
  }

  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  /** Removes an optional {@code https://} and rejects every other scheme. */
  private static String removeScheme(String input) {
    int separator = input.indexOf("://");
    if (separator < 0) {
      return input;
    }

    Matcher scheme = URI_SCHEME.matcher(input);
    if (!scheme.lookingAt() || scheme.end() != separator + 3) {
      throw invalidReference(input, "missing or invalid URI scheme before \"://\"");
    }
    String name = scheme.group(1);
    if (!name.toLowerCase(Locale.ROOT).equals(RESOURCE_URI_SCHEME)) {
      throw invalidReference(
          input,
          "unsupported URI scheme "
              + InvalidImageReferenceException.quote(name)
              + ". Grafeas resource URIs for images use https:// or no scheme");
    }
    return input.substring(scheme.end());
  }

  /** Parses {@code reference} and names {@code input} in every error, for context. */
  private static ImageReference parseWithContext(String reference, String input) {
    try {
      return split(reference, input);
    } catch (InvalidImageReferenceException e) {
      throw e.withInput(input);
    }
  }

  /**
   * Splits at the first {@code @} for the digest, then at the last {@code :} after the last {@code
   * /} for the tag, so a port colon is never read as a tag. The parts are validated from left to
   * right, so the error names the leftmost invalid part.
   */
  private static ImageReference split(String reference, String input) {
    String name = reference;
    String digestText = null;
    int at = reference.indexOf('@');
    if (at >= 0) {
      name = reference.substring(0, at);
      digestText = reference.substring(at + 1);
    }

    String tag = null;
    int colon = name.lastIndexOf(':');
    if (colon > name.lastIndexOf('/')) {
      tag = name.substring(colon + 1);
      name = name.substring(0, colon);
    }

    String host = RegistryHosts.DOCKER_HUB;
    String repository = name;
    int slash = name.indexOf('/');
    if (slash >= 0 && RegistryHosts.isHost(name.substring(0, slash))) {
      host = name.substring(0, slash);
      repository = name.substring(slash + 1);
    }

    ImageReference named = new ImageReference(host, repository, null, null);
    if (tag != null) {
      if (tag.isEmpty()) {
        throw new InvalidImageReferenceException(Part.TAG, tag, input, "missing tag after \":\"");
      }
      named = new ImageReference(named.registry(), named.repository(), tag, null);
    }

    if (digestText == null) {
      return named;
    }
    if (digestText.isEmpty()) {
      throw new InvalidImageReferenceException(
          Part.DIGEST, digestText, input, "missing digest after \"@\"");
    }
    return named.withDigest(Digest.parse(digestText));
  }

  private static InvalidImageReferenceException invalidReference(String input, String rule) {
    return new InvalidImageReferenceException(Part.REFERENCE, input, input, rule);
  }
}
