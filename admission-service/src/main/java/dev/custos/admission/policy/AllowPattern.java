package dev.custos.admission.policy;

import dev.custos.events.image.Digest;
import dev.custos.events.image.ImageReference;
import dev.custos.events.image.InvalidImageReferenceException;
import java.util.regex.Pattern;

/**
 * A compiled allow-list pattern, matched on the canonical form of an image reference.
 *
 * <p>A pattern has the shape of an image reference, {@code [host/]repository[:tag][@digest]}, with
 * wildcards: {@code *} matches any characters within one path segment (or within the tag) and
 * {@code **} matches any characters across segments. The pattern is canonicalised the way {@link
 * ImageReference} canonicalises references: the host is lowercase, a pattern without a host is on
 * {@code docker.io}, and a single-segment Docker Hub repository gets {@code library/}. So {@code
 * nginx}, {@code docker.io/nginx} and {@code docker.io/library/nginx} are the same pattern.
 *
 * <p>The name part must match the image's {@code registry/repository}. A pattern without a tag
 * matches every tag and no tag, and a pattern without a digest matches every digest and no digest.
 * A pattern with a tag and no digest never matches a reference that carries a digest. A digest in a
 * pattern takes no wildcards.
 */
public final class AllowPattern {
  private static final Pattern ALLOWED_CHARACTERS = Pattern.compile("[A-Za-z0-9._/:@*\\[\\]-]+");
  private static final Pattern TAG_GLOB = Pattern.compile("[A-Za-z0-9_.*-]+");
  private static final String DOCKER_HUB = ImageReference.DOCKER_HUB;

  private final String text;
  private final String canonical;
  private final Pattern name;
  private final Pattern tag;
  private final Digest digest;

  private AllowPattern(String text, String canonical, Pattern name, Pattern tag, Digest digest) {
    this.text = text;
    this.canonical = canonical;
    this.name = name;
    this.tag = tag;
    this.digest = digest;
  }

  /**
   * Compiles {@code text}.
   *
   * @throws IllegalArgumentException if the pattern is invalid, with the reason in the message
   */
  public static AllowPattern compile(String text) {
    validateCharacters(text);

    String rest = text;
    Digest digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = parseDigest(rest.substring(at + 1));
      rest = rest.substring(0, at);
    }

    String tagGlob = null;
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tagGlob = validateTag(rest.substring(colon + 1));
      rest = rest.substring(0, colon);
    }

    String canonicalName = canonicalName(rest);
    String canonical =
        canonicalName
            + (tagGlob == null ? "" : ":" + tagGlob)
            + (digest == null ? "" : "@" + digest);
    Pattern tag = tagGlob == null ? null : Pattern.compile(globToRegex(tagGlob));
    return new AllowPattern(
        text, canonical, Pattern.compile(globToRegex(canonicalName)), tag, digest);
  }

  /** Returns whether {@code image} matches, comparing canonical forms. */
  public boolean matches(ImageReference image) {
    if (!name.matcher(image.canonicalName()).matches()) {
      return false;
    }
    if (tag != null && (image.tag() == null || !tag.matcher(image.tag()).matches())) {
      return false;
    }
    if (tag != null && digest == null && image.digest() != null) {
      // The runtime pulls a tag@digest reference by its digest, so the tag does not determine
      // what runs. A tag pattern must therefore not admit any digest pushed to the repository.
      return false;
    }
    return digest == null || digest.equals(image.digest());
  }

  /** Returns the canonical form, for example {@code docker.io/library/nginx} for {@code nginx}. */
  public String canonical() {
    return canonical;
  }

  /** Returns the pattern as written in the policy. */
  @Override
  public String toString() {
    return text;
  }

  private static void validateCharacters(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("the pattern is empty; write an image name pattern");
    }
    if (text.contains("://")) {
      throw new IllegalArgumentException(
          "pattern \"" + text + "\" has a URI scheme; remove it, e.g. ghcr.io/acme/*");
    }
    if (!ALLOWED_CHARACTERS.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "pattern \""
              + text
              + "\" contains a character that image references do not use;"
              + " patterns take letters, digits, '.', '_', '-', '/', ':', '@', '*' and brackets");
    }
    if (text.contains("***")) {
      throw new IllegalArgumentException(
          "pattern \"" + text + "\" contains \"***\"; use * within a segment or ** across them");
    }
  }

  private static Digest parseDigest(String digestText) {
    try {
      return Digest.parse(digestText);
    } catch (InvalidImageReferenceException e) {
      throw new IllegalArgumentException(
          "the digest of the pattern is invalid (digests take no wildcards): " + e.getMessage(), e);
    }
  }

  private static String validateTag(String tagGlob) {
    if (!TAG_GLOB.matcher(tagGlob).matches()) {
      throw new IllegalArgumentException(
          "tag pattern \"" + tagGlob + "\" is invalid; tags take letters, digits, '_', '.', '-'");
    }
    return tagGlob;
  }

  /**
   * Returns {@code registry/repository} of the pattern in canonical form. A name without wildcards
   * goes through {@link ImageReference#parse}, so it is canonicalised exactly like a reference.
   */
  private static String canonicalName(String name) {
    if (name.isEmpty() || name.startsWith("/") || name.endsWith("/") || name.contains("//")) {
      throw new IllegalArgumentException(
          "name pattern \"" + name + "\" has an empty path segment; remove the extra '/'");
    }
    if (name.indexOf('*') < 0) {
      try {
        return ImageReference.parse(name).canonicalName();
      } catch (InvalidImageReferenceException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }

    String host = DOCKER_HUB;
    String repository = name;
    int slash = name.indexOf('/');
    String first = slash < 0 ? name : name.substring(0, slash);
    if (slash >= 0 && isHost(first)) {
      host = canonicalHost(first);
      repository = name.substring(slash + 1);
    } else if (first.contains("**")) {
      throw new IllegalArgumentException(
          "pattern \""
              + name
              + "\" starts with **, which would match images on every registry;"
              + " start it with a registry host, e.g. ghcr.io/**");
    }

    if (!repository.equals(toAsciiLowerCase(repository))) {
      throw new IllegalArgumentException(
          "repository pattern \""
              + repository
              + "\" has uppercase letters; repositories are lowercase");
    }
    boolean singleSegment = repository.indexOf('/') < 0 && !repository.contains("**");
    if (host.equals(DOCKER_HUB) && singleSegment) {
      repository = "library/" + repository;
    }
    return host + "/" + repository;
  }

  /** Returns whether the first segment names a host, by the rule of the reference grammar. */
  private static boolean isHost(String segment) {
    return segment.indexOf('.') >= 0
        || segment.indexOf(':') >= 0
        || segment.equalsIgnoreCase("localhost");
  }

  private static String canonicalHost(String host) {
    if (host.indexOf('*') >= 0) {
      return toAsciiLowerCase(host);
    }
    try {
      return ImageReference.parse(host + "/x").registry();
    } catch (InvalidImageReferenceException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static String globToRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    int i = 0;
    while (i < glob.length()) {
      if (glob.startsWith("**", i)) {
        regex.append(".*");
        i += 2;
      } else if (glob.charAt(i) == '*') {
        regex.append("[^/]*");
        i++;
      } else {
        int next = glob.indexOf('*', i);
        int end = next < 0 ? glob.length() : next;
        regex.append(Pattern.quote(glob.substring(i, end)));
        i = end;
      }
    }
    return regex.toString();
  }

  private static String toAsciiLowerCase(String text) {
    StringBuilder lower = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      lower.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
    }
    return lower.toString();
  }
}
