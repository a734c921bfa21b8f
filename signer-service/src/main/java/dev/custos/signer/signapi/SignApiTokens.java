package dev.custos.signer.signapi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The bearer tokens that {@code POST /v1/sign} accepts, held as their SHA-256 hashes so that the
 * configuration never contains a token. Comparisons run in constant time over the hashes.
 */
public final class SignApiTokens {
  private static final String PROPERTY = "custos.signer.sign-api.tokens";
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

  private final List<byte[]> hashes;

  private SignApiTokens(List<byte[]> hashes) {
    this.hashes = hashes;
  }

  /**
   * Parses the configured hashes.
   *
   * @throws IllegalStateException naming the entry that is not 64 hex digits
   */
  public static SignApiTokens fromHashes(List<String> configured) {
    List<byte[]> hashes = new ArrayList<>();
    for (int i = 0; i < configured.size(); i++) {
      String hash = configured.get(i).trim();
      if (!SHA256_HEX.matcher(hash).matches()) {
        throw new IllegalStateException(
            PROPERTY
                + "["
                + i
                + "] is not a SHA-256 hash of 64 hex digits; create one with"
                + " printf %s \"$TOKEN\" | sha256sum");
      }
      hashes.add(HexFormat.of().parseHex(hash.toLowerCase(Locale.ROOT)));
    }
    return new SignApiTokens(List.copyOf(hashes));
  }

  public int size() {
    return hashes.size();
  }

  /** Returns whether {@code token} is one of the accepted tokens. */
  public boolean accepts(String token) {
    byte[] presented = sha256(token);
    boolean accepted = false;
    for (byte[] hash : hashes) {
      // Every hash is compared, so the time does not tell which entry matched.
      accepted |= MessageDigest.isEqual(hash, presented);
    }
    return accepted;
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JDK", e);
    }
  }
}
