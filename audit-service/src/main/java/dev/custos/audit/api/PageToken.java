package dev.custos.audit.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque token of the next page of a search: base64url of {@code v1:<last leaf index>:<filter
 * fingerprint>}. A page continues after the last leaf index of the previous one, so entries
 * appended meanwhile neither shift nor repeat results. The token is not signed, because it grants
 * nothing: changing its index only moves where the page starts.
 */
final class PageToken {
  private static final String VERSION = "v1";

  private PageToken() {}

  static String encode(long lastLeafIndex, SearchFilter filter) {
    String text = VERSION + ":" + lastLeafIndex + ":" + filter.fingerprint();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Returns the last leaf index of the previous page.
   *
   * @throws ApiException 400 naming {@code pageToken} when the token is malformed or belongs to a
   *     search with other conditions
   */
  static long decode(String token, SearchFilter filter) {
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    String[] parts = text.split(":", -1);
    if (parts.length != 3 || !parts[0].equals(VERSION) || !parts[1].matches("[0-9]{1,18}")) {
      throw invalid();
    }
    if (!parts[2].equals(filter.fingerprint())) {
      throw ApiException.invalidParameter(
          "pageToken",
          "pageToken belongs to a search with other conditions; repeat the search's parameters"
              + " with its pageToken, or leave pageToken out to start again");
    }
    return Long.parseLong(parts[1]);
  }

  private static ApiException invalid() {
    return ApiException.invalidParameter(
        "pageToken",
        "pageToken is not a token that this service returned as nextPageToken; leave it out to"
            + " start from the first page");
  }
}
