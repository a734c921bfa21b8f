package dev.custos.events.image;

import dev.custos.events.image.InvalidImageReferenceException.Part;
import java.util.Locale;

/**
 * Content digest of an image manifest, such as {@code sha256:<64 hex>}.
 *
 * <p>Custos accepts only {@code sha256} with 64 and {@code sha512} with 128 lowercase hex
 * characters. The constructor rejects the other algorithms that the OCI grammar allows, because no
 * Custos service computes or verifies them.
 *
 * @param algorithm {@code sha256} or {@code sha512}
 * @param hex the encoded hash in lowercase hex
 */
public record Digest(String algorithm, String hex) {
  public static final String SHA256 = "sha256";
  public static final String SHA512 = "sha512";

  private static final int SHA256_HEX_LENGTH = 64;
  private static final int SHA512_HEX_LENGTH = 128;

  /**
   * Validates the algorithm and the hex.
   *
   * @throws InvalidImageReferenceException with part {@link Part#DIGEST} if either is invalid
   */
  public Digest {
    validate(algorithm, hex);
  }

  /**
   * Parses {@code algorithm:hex}, for example {@code sha256:} followed by 64 lowercase hex
   * characters.
   *
   * @throws InvalidImageReferenceException with part {@link Part#DIGEST} if the value is not a
   *     supported digest
   */
  public static Digest parse(String value) {
    if (value == null) {
      throw invalid(null, "a digest is required, got null");
    }
    if (value.isEmpty()) {
      throw invalid(value, "missing digest");
    }

    int colon = value.indexOf(':');
    if (colon < 0) {
      throw invalid(value, "digests have the form <algorithm>:<hex>, e.g. sha256:<64 hex>");
    }
    return new Digest(value.substring(0, colon), value.substring(colon + 1));
  }

  /** Returns the digest as {@code algorithm:hex}, the form that registries and Grafeas use. */
  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }

  private static void validate(String algorithm, String hex) {
    if (algorithm == null || hex == null) {
      throw invalid(algorithm + ":" + hex, "the algorithm and the hex are required");
    }

    String value = algorithm + ":" + hex;
    if (algorithm.isEmpty()) {
      throw invalid(value, "missing digest algorithm before \":\"");
    }
    int expectedLength = expectedHexLength(algorithm, value);

    if (hex.isEmpty()) {
      throw invalid(value, "missing hex after \"" + algorithm + ":\"");
    }
    if (hex.startsWith(algorithm + ":")) {
      throw invalid(value, "the prefix \"" + algorithm + ":\" appears twice. Remove one of them");
    }
    for (int i = 0; i < hex.length(); i++) {
      char c = hex.charAt(i);
      if (c >= 'A' && c <= 'F') {
        throw invalid(value, "digest hex must be lowercase");
      }
      if (!isLowercaseHexDigit(c)) {
        throw invalid(value, "digest hex must contain only the characters 0-9 and a-f");
      }
    }
    if (hex.length() != expectedLength) {
      throw invalid(
          value,
          algorithm + " digests have " + expectedLength + " hex characters, got " + hex.length());
    }
  }

  private static int expectedHexLength(String algorithm, String value) {
    if (algorithm.equals(SHA256)) {
      return SHA256_HEX_LENGTH;
    }
    if (algorithm.equals(SHA512)) {
      return SHA512_HEX_LENGTH;
    }

    String lowercase = algorithm.toLowerCase(Locale.ROOT);
    if (lowercase.equals(SHA256) || lowercase.equals(SHA512)) {
      throw invalid(value, "digest algorithms are lowercase. Use \"" + lowercase + "\"");
    }
    throw invalid(
        value,
        "unsupported digest algorithm "
            + InvalidImageReferenceException.quote(algorithm)
            + ", expected sha256 or sha512");
  }

  static boolean isLowercaseHexDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }

  private static InvalidImageReferenceException invalid(String value, String rule) {
    return new InvalidImageReferenceException(Part.DIGEST, value, null, rule);
  }
}
