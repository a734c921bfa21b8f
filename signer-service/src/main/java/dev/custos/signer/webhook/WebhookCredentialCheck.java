package dev.custos.signer.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the credentials of one registry's webhook requests: a bearer token in {@code
 * Authorization} or a shared secret in a header of its own, and optionally an HMAC-SHA256 of the
 * body in a header, as {@code <hex>} or {@code sha256=<hex>}.
 *
 * <p>Every comparison runs in constant time with {@link MessageDigest#isEqual}. Tokens and secrets
 * are compared through their SHA-256 hashes, so the time does not depend on their lengths either,
 * and only the hash of the expected value is kept. {@link #toString()} shows no secret. Instances
 * are immutable and thread-safe.
 */
public final class WebhookCredentialCheck {
  public static final String AUTHORIZATION = "Authorization";

  private static final String BEARER = "bearer";
  private static final String HMAC_SHA256 = "HmacSHA256";
  private static final String SIGNATURE_PREFIX = "sha256=";
  private static final int SIGNATURE_HEX_LENGTH = 64;

  private final String credentialHeader;
  private final boolean bearer;
  private final byte[] expectedCredentialHash;
  private final String signatureHeader;
  private final byte[] signatureKey;

  private WebhookCredentialCheck(
      String credentialHeader,
      boolean bearer,
      byte[] expectedCredentialHash,
      String signatureHeader,
      byte[] signatureKey) {
    this.credentialHeader = credentialHeader;
    this.bearer = bearer;
    this.expectedCredentialHash = expectedCredentialHash;
    this.signatureHeader = signatureHeader;
    this.signatureKey = signatureKey;
  }

  /** Expects {@code Authorization: Bearer <token>}. The scheme name is case-insensitive. */
  public static WebhookCredentialCheck bearerToken(String token) {
    return new WebhookCredentialCheck(AUTHORIZATION, true, hashSecret(token), null, null);
  }

  /** Expects {@code <headerName>: <secret>}, the whole header value being the secret. */
  public static WebhookCredentialCheck sharedSecretHeader(String headerName, String secret) {
    requireHeaderName(headerName);
    return new WebhookCredentialCheck(headerName, false, hashSecret(secret), null, null);
  }

  /**
   * Returns a check that also requires {@code <headerName>: [sha256=]<hex>}, the HMAC-SHA256 of the
   * request body under {@code key}.
   */
  public WebhookCredentialCheck withBodySignature(String headerName, byte[] key) {
    requireHeaderName(headerName);
    Objects.requireNonNull(key, "key");
    if (key.length == 0) {
      throw new IllegalArgumentException("the HMAC key must not be empty");
    }
    return new WebhookCredentialCheck(
        credentialHeader, bearer, expectedCredentialHash, headerName, key.clone());
  }

  /**
   * Checks a request.
   *
   * @param headers returns the first value of a header by its case-insensitive name, or null
   * @param body the raw request body, exactly as received
   */
  public CredentialCheckResult check(Function<String, String> headers, byte[] body) {
    CredentialCheckResult credential = checkCredential(headers);
    if (!credential.isAccepted() || signatureHeader == null) {
      return credential;
    }
    return checkSignature(headers.apply(signatureHeader), body);
  }

  /**
   * Checks only the token or shared secret, which needs no body, so that a request without it can
   * be rejected before its body is read. {@link #check} still has to accept the request.
   *
   * @param headers returns the first value of a header by its case-insensitive name, or null
   */
  public CredentialCheckResult checkCredential(Function<String, String> headers) {
    return checkCredentialValue(headers.apply(credentialHeader));
  }

  /** Returns whether the credential is a bearer token, which a 401 challenges for. */
  public boolean usesBearerToken() {
    return bearer;
  }

  private CredentialCheckResult checkCredentialValue(String value) {
    if (value == null || value.isBlank()) {
      return CredentialCheckResult.MISSING_CREDENTIAL;
    }
    String presented = value.strip();
    if (bearer) {
      if (presented.equalsIgnoreCase(BEARER)) {
        return CredentialCheckResult.MISSING_CREDENTIAL;
      }
      int space = presented.indexOf(' ');
      if (space < 0 || !presented.substring(0, space).toLowerCase(Locale.ROOT).equals(BEARER)) {
        return CredentialCheckResult.WRONG_SCHEME;
      }
      presented = presented.substring(space + 1).strip();
    }
    byte[] presentedHash = sha256(presented.getBytes(StandardCharsets.UTF_8));
    return MessageDigest.isEqual(expectedCredentialHash, presentedHash)
        ? CredentialCheckResult.ACCEPTED
        : CredentialCheckResult.WRONG_CREDENTIAL;
  }

  private CredentialCheckResult checkSignature(String value, byte[] body) {
    if (value == null || value.isBlank()) {
      return CredentialCheckResult.MISSING_SIGNATURE;
    }
    String hex = value.strip();
    if (hex.regionMatches(true, 0, SIGNATURE_PREFIX, 0, SIGNATURE_PREFIX.length())) {
      hex = hex.substring(SIGNATURE_PREFIX.length());
    }
    if (hex.length() != SIGNATURE_HEX_LENGTH) {
      return CredentialCheckResult.MALFORMED_SIGNATURE;
    }

    byte[] presented;
    try {
      presented = HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return CredentialCheckResult.MALFORMED_SIGNATURE;
    }
    return MessageDigest.isEqual(hmac(body), presented)
        ? CredentialCheckResult.ACCEPTED
        : CredentialCheckResult.WRONG_SIGNATURE;
  }

  private byte[] hmac(byte[] body) {
    try {
      Mac mac = Mac.getInstance(HMAC_SHA256);
      mac.init(new SecretKeySpec(signatureKey, HMAC_SHA256));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available in this JDK", e);
    }
  }

  private static byte[] hashSecret(String secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.isBlank()) {
      throw new IllegalArgumentException("the webhook token or shared secret must not be blank");
    }
    return sha256(secret.strip().getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] sha256(byte[] value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JDK", e);
    }
  }

  private static void requireHeaderName(String headerName) {
    Objects.requireNonNull(headerName, "headerName");
    if (headerName.isBlank()) {
      throw new IllegalArgumentException("the header name must not be blank");
    }
  }

  /** Describes the check by its header names only, never by its secrets. */
  @Override
  public String toString() {
    String credential = bearer ? "Authorization: Bearer <redacted>" : credentialHeader;
    String signature = signatureHeader == null ? "none" : signatureHeader;
    return "WebhookCredentialCheck[credential="
        + credential
        + ", bodySignature="
        + signature
        + ", secrets=<redacted>]";
  }
}
