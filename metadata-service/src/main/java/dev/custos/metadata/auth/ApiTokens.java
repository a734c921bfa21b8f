package dev.custos.metadata.auth;

import dev.custos.metadata.MetadataConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The bearer tokens that the API accepts, held only as SHA-256 hashes from {@code
 * custos.metadata.tokens}. With no hash configured, no token is valid.
 */
@ApplicationScoped
public class ApiTokens {
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  private final List<byte[]> hashes;

  ApiTokens(MetadataConfig config) {
    this.hashes = decode(config.tokens().orElse(Set.of()));
  }

  /**
   * Returns the hashes as bytes.
   *
   * @throws IllegalStateException if a configured hash is not 64 hex digits, which stops startup
   */
  static List<byte[]> decode(Set<String> configured) {
    HexFormat hex = HexFormat.of();

    return configured.stream()
        .map(hash -> hash.trim().toLowerCase(Locale.ROOT))
        .map(ApiTokens::requireSha256Hex)
        .map(hex::parseHex)
        .toList();
  }

  private static String requireSha256Hex(String hash) {
    if (!SHA256_HEX.matcher(hash).matches()) {
      throw new IllegalStateException(
          "custos.metadata.tokens must list SHA-256 hashes of 64 hex digits, such as the output of"
              + " 'printf %s TOKEN | sha256sum', but one entry has "
              + hash.length()
              + " characters or a non-hex character");
    }

    return hash;
  }

  /** Returns the number of configured tokens. */
  public int count() {
    return hashes.size();
  }

  /**
   * Returns whether {@code token} hashes to a configured hash. Every hash is compared in constant
   * time, so the time taken does not reveal how much of a hash matched.
   */
  public boolean accepts(String token) {
    byte[] presented = sha256(token);
    boolean accepted = false;
    for (byte[] hash : hashes) {
      accepted |= MessageDigest.isEqual(hash, presented);
    }

    return accepted;
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime provides SHA-256", e);
    }
  }
}
