package dev.custos.events.image;

import dev.custos.events.image.InvalidImageReferenceException.Part;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Container image reference in canonical form, such as {@code docker.io/library/nginx:1.27} or
 * {@code ghcr.io/acme/app@sha256:<hex>}.
 *
 * <p>The constructor validates and canonicalises every component, so two references to the same
 * image have the same fields whichever spelling they were parsed from. The registry host is
 * lowercase and {@code index.docker.io} and {@code registry-1.docker.io} become {@code docker.io}.
 * A single-component repository on {@code docker.io} gets the {@code library/} prefix.
 *
 * <p>A reference without a tag is not given {@code latest}. Container runtimes pull {@code latest}
 * for it, but Custos compares what the reference states.
 *
 * @param registry registry host with an optional port, for example {@code docker.io} or {@code
 *     localhost:5000}
 * @param repository repository path below the host, for example {@code library/nginx}
 * @param tag the tag, or null when the reference has none
 * @param digest the manifest digest, or null when the reference has none
 */
public record ImageReference(String registry, String repository, String tag, Digest digest) {
  /** Canonical host of Docker Hub, the registry of references that name no host. */
  public static final String DOCKER_HUB = RegistryHosts.DOCKER_HUB;

  /** Maximum length of {@code registry/repository}, as in the distribution reference grammar. */
  public static final int MAX_NAME_LENGTH = 255;

  private static final String DOCKER_HUB_OFFICIAL_NAMESPACE = "library/";

  /** Repository path component from the distribution reference grammar. */
  private static final int MAX_TAG_LENGTH = 128;

  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");

  /**
   * Tag under which cosign stores an artifact for a sha256 image digest. A sha512 form cannot exist
   * because {@code sha512-} and 128 hex characters exceed the 128-character tag limit.
   */
  private static final Pattern COSIGN_TAG =
      Pattern.compile("sha256-([0-9a-f]{64})\\.(sig|att|sbom)");

  /**
   * Validates and canonicalises the components.
   *
   * @throws InvalidImageReferenceException if a component is invalid, naming that component
   */
  public ImageReference {
    registry = RegistryHosts.canonicalize(registry);
    repository = canonicalRepository(registry, repository);
    if (tag != null) {
      validateTag(tag);
    }
  }

  /**
   * Parses a reference of the form {@code [host[:port]/]repository[:tag][@digest]}, the form that
   * {@code docker pull} accepts and Kubernetes pod specs contain.
   *
   * <p>The first path component is the host only if it contains {@code .} or {@code :} or is {@code
   * localhost}. Otherwise the host is {@code docker.io}. The input must not have a URI scheme, so
   * use {@link #parseResourceUri} for Grafeas resource URIs.
   *
   * @throws InvalidImageReferenceException if the input is not a valid reference, naming the part
   *     that failed
   */
  public static ImageReference parse(String input) {
    return ReferenceParser.parse(input);
  }

  /**
   * Parses a Grafeas resource URI such as {@code https://docker.io/library/nginx@sha256:<hex>}. The
   * {@code https://} scheme is optional, every other scheme is rejected, and the digest is required
   * because a resource URI names one image manifest.
   *
   * @throws InvalidImageReferenceException if the input is not a valid resource URI
   */
  public static ImageReference parseResourceUri(String input) {
    return ReferenceParser.parseResourceUri(input);
  }

  /** Returns a copy of this reference with {@code digest}, keeping the tag. */
  public ImageReference withDigest(Digest digest) {
    return new ImageReference(registry, repository, tag, Objects.requireNonNull(digest, "digest"));
  }

  public boolean hasTag() {
    return tag != null;
  }

  public boolean hasDigest() {
    return digest != null;
  }

  /** Returns {@code registry/repository}, for example {@code docker.io/library/nginx}. */
  public String canonicalName() {
    return registry + "/" + repository;
  }

  /** Returns {@code registry/repository[:tag][@digest]} with the absent parts left out. */
  public String canonical() {
    return canonicalName() + tagAndDigestSuffix();
  }

  /**
   * Returns {@code registry/repository@digest} without the tag, or empty when there is no digest.
   * This is the resource URI without its scheme.
   */
  public Optional<String> canonicalByDigest() {
    if (digest == null) {
      return Optional.empty();
    }
    return Optional.of(canonicalName() + "@" + digest);
  }

  /**
   * Returns the Grafeas resource URI {@code https://registry/repository@digest}, or empty when
   * there is no digest.
   */
  public Optional<String> resourceUri() {
    return canonicalByDigest().map(name -> "https://" + name);
  }

  /**
   * Returns the short form that the Docker CLI prints, for example {@code nginx:1} for {@code
   * docker.io/library/nginx:1}. Parsing the result gives an equal reference. The {@code docker.io/}
   * prefix stays when the first repository component would otherwise read as a host.
   */
  public String familiar() {
    return familiarName() + tagAndDigestSuffix();
  }

  /**
   * Returns the kind of artifact that the tag marks. A cosign tag such as {@code sha256-<hex>.sig}
   * marks a signature, attestation or SBOM. Every other reference is an image.
   */
  public ArtifactKind artifactKind() {
    Matcher matcher = cosignTagMatcher();
    if (matcher == null) {
      return ArtifactKind.IMAGE;
    }
    return ArtifactKind.fromTagSuffix(matcher.group(2));
  }

  /**
   * Returns whether this reference is a cosign signature, attestation or SBOM tag rather than an
   * image that a pod would run.
   */
  public boolean isSignatureArtifact() {
    return artifactKind() != ArtifactKind.IMAGE;
  }

  /**
   * Returns the digest of the image that this cosign artifact signs, attests or describes, or empty
   * when this reference is not a cosign artifact.
   */
  public Optional<Digest> subjectDigest() {
    Matcher matcher = cosignTagMatcher();
    if (matcher == null) {
      return Optional.empty();
    }
    return Optional.of(new Digest(Digest.SHA256, matcher.group(1)));
  }

  /**
   * Compares by identity: registry, repository and digest when either reference has a digest, and
   * registry, repository and tag otherwise. So {@code nginx:1@sha256:<hex>} equals {@code
   * docker.io/library/nginx@sha256:<hex>}, but not {@code nginx:1}. Compare {@link #canonical()}
   * for an exact match that includes the tag.
   */
  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof ImageReference that)) {
      return false;
    }
    if (!registry.equals(that.registry) || !repository.equals(that.repository)) {
      return false;
    }
    if (digest != null || that.digest != null) {
      return Objects.equals(digest, that.digest);
    }
    return Objects.equals(tag, that.tag);
  }

  @Override
  public int hashCode() {
    Object version = digest != null ? digest : tag;
    return Objects.hash(registry, repository, version);
  }

  /** Returns {@link #canonical()}. */
  @Override
  public String toString() {
    return canonical();
  }

  private String tagAndDigestSuffix() {
    StringBuilder suffix = new StringBuilder();
    if (tag != null) {
      suffix.append(':').append(tag);
    }
    if (digest != null) {
      suffix.append('@').append(digest);
    }
    return suffix.toString();
  }

  private String familiarName() {
    if (!registry.equals(DOCKER_HUB)) {
      return canonicalName();
    }

    String shortRepository = repository;
    boolean official =
        repository.startsWith(DOCKER_HUB_OFFICIAL_NAMESPACE)
            && repository.indexOf('/', DOCKER_HUB_OFFICIAL_NAMESPACE.length()) < 0;
    if (official) {
      shortRepository = repository.substring(DOCKER_HUB_OFFICIAL_NAMESPACE.length());
    }

    String firstComponent = shortRepository.split("/", 2)[0];
    boolean readsAsHost = shortRepository.indexOf('/') >= 0 && RegistryHosts.isHost(firstComponent);
    return readsAsHost ? canonicalName() : shortRepository;
  }

  private Matcher cosignTagMatcher() {
    if (tag == null) {
      return null;
    }
    Matcher matcher = COSIGN_TAG.matcher(tag);
    return matcher.matches() ? matcher : null;
  }

  private static String canonicalRepository(String registry, String repository) {
    validateRepository(repository);

    String canonical = repository;
    if (registry.equals(DOCKER_HUB) && repository.indexOf('/') < 0) {
      canonical = DOCKER_HUB_OFFICIAL_NAMESPACE + repository;
    }

    int nameLength = registry.length() + 1 + canonical.length();
    if (nameLength > MAX_NAME_LENGTH) {
      String prefix =
          registry + "/" + (canonical.equals(repository) ? "" : DOCKER_HUB_OFFICIAL_NAMESPACE);
      throw invalid(
          Part.REPOSITORY,
          repository,
          "the canonical name, including \""
              + prefix
              + "\", is "
              + nameLength
              + " characters and the maximum is "
              + MAX_NAME_LENGTH);
    }
    return canonical;
  }

  private static void validateRepository(String repository) {
    if (repository == null) {
      throw invalid(Part.REPOSITORY, null, "a repository is required, got null");
    }
    if (repository.isEmpty()) {
      throw invalid(Part.REPOSITORY, repository, "missing repository");
    }
    if (repository.length() > MAX_NAME_LENGTH) {
      throw invalid(
          Part.REPOSITORY,
          repository,
          "repository names are at most "
              + MAX_NAME_LENGTH
              + " characters, got "
              + repository.length());
    }

    String lowercase = RegistryHosts.toAsciiLowerCase(repository);
    if (!lowercase.equals(repository)) {
      String rule = "repository names must be lowercase";
      if (findInvalidComponent(lowercase) == null) {
        rule += ". Use " + InvalidImageReferenceException.quote(lowercase) + " instead";
      }
      throw invalid(Part.REPOSITORY, repository, rule);
    }

    String component = findInvalidComponent(repository);
    if (component == null) {
      return;
    }
    if (repository.startsWith("/")) {
      throw invalid(Part.REPOSITORY, repository, "repository names must not start with \"/\"");
    }
    if (repository.endsWith("/")) {
      throw invalid(Part.REPOSITORY, repository, "repository names must not end with \"/\"");
    }
    if (component.isEmpty()) {
      throw invalid(
          Part.REPOSITORY,
          repository,
          "repository names must not contain an empty path component (\"//\")");
    }
    throw invalid(
        Part.REPOSITORY,
        repository,
        "path component "
            + InvalidImageReferenceException.quote(component)
            + " is invalid. Components are lowercase letters and digits, separated by"
            + " '.', '_', '__' or one or more '-'");
  }

  /** Returns the first path component that breaks the grammar, or null if all match. */
  private static String findInvalidComponent(String repository) {
    for (String component : repository.split("/", -1)) {
      if (!isPathComponent(component)) {
        return component;
      }
    }
    return null;
  }

  /**
   * Checks one path component against {@code [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*} in a single pass.
   * The equivalent regex backtracks deeply enough on long inputs to overflow the thread's stack.
   */
  static boolean isPathComponent(String component) {
    int length = component.length();
    int i = 0;
    while (true) {
      int runStart = i;
      while (i < length && isLowercaseAlphanumeric(component.charAt(i))) {
        i++;
      }
      if (i == runStart) {
        return false;
      }
      if (i == length) {
        return true;
      }

      char separator = component.charAt(i);
      if (separator == '.') {
        i++;
      } else if (separator == '_') {
        i++;
        if (i < length && component.charAt(i) == '_') {
          i++;
        }
      } else if (separator == '-') {
        while (i < length && component.charAt(i) == '-') {
          i++;
        }
      } else {
        return false;
      }
    }
  }

  private static boolean isLowercaseAlphanumeric(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  private static void validateTag(String tag) {
    if (tag.isEmpty()) {
      throw invalid(Part.TAG, tag, "the tag is empty. Pass null for a reference without a tag");
    }
    if (tag.length() > MAX_TAG_LENGTH) {
      throw invalid(
          Part.TAG, tag, "tags are at most " + MAX_TAG_LENGTH + " characters, got " + tag.length());
    }
    if (!TAG.matcher(tag).matches()) {
      throw invalid(
          Part.TAG,
          tag,
          "tags start with a letter, digit or '_' and contain only letters, digits, '_', '.'"
              + " and '-'");
    }
  }

  private static InvalidImageReferenceException invalid(Part part, String value, String rule) {
    return new InvalidImageReferenceException(part, value, null, rule);
  }
}
