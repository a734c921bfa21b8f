package dev.custos.metadata.storage;

import dev.custos.metadata.MetadataConfig;
import dev.custos.metadata.api.InvalidArgumentException;
import dev.custos.metadata.filter.SqlFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks the page tokens of list calls. A token is self-contained, so any replica that
 * has the same key continues a list, also after a restart:
 *
 * <pre>
 * base64url( version (1 byte) | createTimeMicros (8 bytes) | name (UTF-8) | HMAC-SHA256 (32 bytes) )
 * </pre>
 *
 * <p>The HMAC covers the version, the position, the collection (such as {@code
 * projects/p/occurrences}) and the filter text, each with its length, so a token changed by a
 * single bit, or presented with another collection or filter, is rejected. The page size is not
 * covered, because AIP-158 lets a client change it between pages.
 */
@ApplicationScoped
public class PageTokens {
  private static final byte VERSION = 1;
  private static final int MAC_LENGTH = 32;
  private static final int MIN_KEY_BYTES = 32;
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  /** Uses {@code custos.metadata.page-token-key}, or a random key when it is not set. */
  @Inject
  PageTokens(MetadataConfig config) {
    this(config.pageTokenKey().map(PageTokens::decodeKey).orElseGet(PageTokens::randomKey));
  }

  PageTokens(byte[] key) {
    this.key = new SecretKeySpec(key, ALGORITHM);
  }

  /**
   * Decodes the base64 key of {@code custos.metadata.page-token-key}.
   *
   * @throws IllegalStateException, which stops the startup, if it is not base64 or shorter than 32
   *     bytes
   */
  public static byte[] decodeKey(String base64) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "custos.metadata.page-token-key must be base64, such as the output of"
              + " 'openssl rand -base64 32': "
              + e.getMessage());
    }
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalStateException(
          "custos.metadata.page-token-key must decode to at least "
              + MIN_KEY_BYTES
              + " bytes, but has "
              + key.length
              + "; create one with 'openssl rand -base64 32'");
    }

    return key;
  }

  private static byte[] randomKey() {
    byte[] key = new byte[MIN_KEY_BYTES];
    new SecureRandom().nextBytes(key);

    return key;
  }

  /**
   * Returns the page of up to {@code pageSize} rows from {@code fetched}, which a list query
   * fetched with a limit of {@code pageSize + 1}, and the token of the next page when there was an
   * extra row, or an empty token for the last page.
   */
  public Page page(List<ListRow> fetched, int pageSize, String collection, SqlFilter filter) {
    if (fetched.size() <= pageSize) {
      return new Page(fetched, "");
    }

    List<ListRow> rows = fetched.subList(0, pageSize);
    String next = issue(collection, filter, rows.get(pageSize - 1).position());

    return new Page(rows, next);
  }

  /**
   * One page of a list.
   *
   * @param nextPageToken the token of the next page, empty for the last page
   */
  public record Page(List<ListRow> rows, String nextPageToken) {}

  /** Returns the token of the page that starts after {@code last}. */
  public String issue(String collection, SqlFilter filter, PagePosition last) {
    byte[] name = last.name().getBytes(StandardCharsets.UTF_8);
    ByteBuffer payload = ByteBuffer.allocate(1 + Long.BYTES + name.length);
    payload.put(VERSION).putLong(last.createTimeMicros()).put(name);
    byte[] mac = mac(collection, filter, payload.array());

    ByteBuffer token = ByteBuffer.allocate(payload.capacity() + MAC_LENGTH);
    token.put(payload.array()).put(mac);

    return Base64.getUrlEncoder().withoutPadding().encodeToString(token.array());
  }

  /**
   * Returns the position that {@code token} continues after, or null for a null or empty token (the
   * first page).
   *
   * @throws InvalidArgumentException if this service did not issue the token for this collection
   *     and filter
   */
  public PagePosition read(String token, String collection, SqlFilter filter) {
    if (token == null || token.isEmpty()) {
      return null;
    }

    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      throw invalid(token);
    }
    if (bytes.length < 1 + Long.BYTES + MAC_LENGTH || bytes[0] != VERSION) {
      throw invalid(token);
    }

    int payloadLength = bytes.length - MAC_LENGTH;
    byte[] payload = new byte[payloadLength];
    System.arraycopy(bytes, 0, payload, 0, payloadLength);
    byte[] mac = new byte[MAC_LENGTH];
    System.arraycopy(bytes, payloadLength, mac, 0, MAC_LENGTH);
    if (!MessageDigest.isEqual(mac, mac(collection, filter, payload))) {
      throw invalid(token);
    }

    ByteBuffer buffer = ByteBuffer.wrap(payload, 1, payloadLength - 1);
    long createTimeMicros = buffer.getLong();
    String name =
        new String(payload, 1 + Long.BYTES, payloadLength - 1 - Long.BYTES, StandardCharsets.UTF_8);

    return new PagePosition(createTimeMicros, name);
  }

  private byte[] mac(String collection, SqlFilter filter, byte[] payload) {
    try {
      ByteArrayOutputStream input = new ByteArrayOutputStream();
      DataOutputStream data = new DataOutputStream(input);
      writeField(data, collection.getBytes(StandardCharsets.UTF_8));
      writeField(data, filter.text().getBytes(StandardCharsets.UTF_8));
      writeField(data, payload);
      data.flush();

      Mac hmac = Mac.getInstance(ALGORITHM);
      hmac.init(key);
      return hmac.doFinal(input.toByteArray());
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeField(DataOutputStream data, byte[] field) throws IOException {
    data.writeInt(field.length);
    data.write(field);
  }

  private static InvalidArgumentException invalid(String token) {
    String shown = token.length() > 40 ? token.substring(0, 40) + "..." : token;

    return new InvalidArgumentException(
        "Invalid pageToken '"
            + shown
            + "': it was not issued by this service for this list and filter. Send the filter of"
            + " the first request with the nextPageToken of the previous page, or start again"
            + " without pageToken");
  }
}
