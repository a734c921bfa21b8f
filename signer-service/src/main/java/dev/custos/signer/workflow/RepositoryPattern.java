package dev.custos.signer.workflow;

import dev.custos.events.image.ImageReference;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Glob over canonical repository names ({@link ImageReference#canonicalName()}, such as {@code
 * registry.example.com/payments/api}). {@code *} matches any characters within one path segment,
 * and a {@code **} segment matches zero or more whole segments, so {@code
 * registry.example.com/payments/**} matches {@code registry.example.com/payments} and everything
 * below it.
 *
 * @param glob the pattern as configured
 */
public record RepositoryPattern(String glob) {
  private static final String ANY_SEGMENTS = "**";
  private static final Pattern SEGMENT_CHARACTERS = Pattern.compile("[a-z0-9._:\\-*\\[\\]]+");

  /**
   * Validates the pattern.
   *
   * @throws InvalidWorkflowRuleException on field {@code repository} when the pattern is blank, not
   *     lowercase, has an empty segment, a character that no canonical name contains, a {@code **}
   *     that is not a whole segment, or no registry host as its first segment
   */
  public RepositoryPattern {
    validate(glob);
  }

  public boolean matches(ImageReference image) {
    return matches(image.canonicalName());
  }

  /** Returns whether {@code canonicalName}, such as {@code docker.io/library/nginx}, matches. */
  public boolean matches(String canonicalName) {
    List<String> patternSegments = List.of(glob.split("/"));
    List<String> nameSegments = List.of(canonicalName.split("/", -1));
    return matchesFrom(patternSegments, 0, nameSegments, 0);
  }

  @Override
  public String toString() {
    return glob;
  }

  private static boolean matchesFrom(
      List<String> pattern, int patternIndex, List<String> name, int nameIndex) {
    if (patternIndex == pattern.size()) {
      return nameIndex == name.size();
    }

    String segment = pattern.get(patternIndex);
    if (segment.equals(ANY_SEGMENTS)) {
      for (int next = nameIndex; next <= name.size(); next++) {
        if (matchesFrom(pattern, patternIndex + 1, name, next)) {
          return true;
        }
      }
      return false;
    }

    return nameIndex < name.size()
        && matchesSegment(segment, name.get(nameIndex))
        && matchesFrom(pattern, patternIndex + 1, name, nameIndex + 1);
  }

  /** Matches one segment, in which {@code *} stands for any run of characters, even none. */
  private static boolean matchesSegment(String segment, String nameSegment) {
    if (segment.indexOf('*') < 0) {
      return segment.equals(nameSegment);
    }

    StringBuilder regex = new StringBuilder();
    for (String literal : segment.split("\\*", -1)) {
      if (regex.length() > 0) {
        regex.append("[^/]*");
      }
      regex.append(Pattern.quote(literal));
    }
    return nameSegment.matches(regex.toString());
  }

  private static void validate(String glob) {
    if (glob == null || glob.isBlank()) {
      throw invalid(glob, "is required, such as registry.example.com/payments/*");
    }
    if (!glob.toLowerCase(Locale.ROOT).equals(glob)) {
      throw invalid(
          glob,
          "must be lowercase, like the canonical repository names it matches. Use '"
              + glob.toLowerCase(Locale.ROOT)
              + "'");
    }

    String[] segments = glob.split("/", -1);
    for (String segment : segments) {
      validateSegment(glob, segment);
    }
    if (segments.length == 1 && !segments[0].equals(ANY_SEGMENTS)) {
      throw invalid(
          glob,
          "names no repository. Patterns match the registry host and the repository path,"
              + " such as registry.example.com/payments/* or docker.io/library/nginx");
    }
    if (!looksLikeHost(segments[0])) {
      throw invalid(
          glob,
          "must start with the registry host, because it matches canonical names such as"
              + " docker.io/library/nginx. Use '*/"
              + glob
              + "' for any registry or name the host");
    }
  }

  private static void validateSegment(String glob, String segment) {
    if (segment.isEmpty()) {
      throw invalid(glob, "has an empty path segment. Remove the leading, trailing or double '/'");
    }
    if (!SEGMENT_CHARACTERS.matcher(segment).matches()) {
      throw invalid(
          glob,
          "segment '"
              + segment
              + "' contains a character that no canonical repository name contains");
    }
    if (segment.contains(ANY_SEGMENTS) && !segment.equals(ANY_SEGMENTS)) {
      throw invalid(
          glob,
          "segment '" + segment + "' contains '**', which must be a whole segment such as a/**/b");
    }
  }

  /**
   * Returns whether a first segment can be a registry host: it contains a wildcard, a dot or a
   * colon, or is {@code localhost}, as the reference grammar requires of a host.
   */
  private static boolean looksLikeHost(String segment) {
    return segment.contains("*")
        || segment.contains(".")
        || segment.contains(":")
        || segment.equals("localhost");
  }

  private static InvalidWorkflowRuleException invalid(String glob, String problem) {
    return new InvalidWorkflowRuleException("repository", "'" + glob + "' " + problem);
  }
}
