package dev.custos.signer.webhook;

/**
 * Outcome of checking a webhook request's credentials. Every value but {@link #ACCEPTED} is 401.
 */
public enum CredentialCheckResult {
  ACCEPTED,
  /** The credential header is absent or empty, or {@code Bearer} comes without a token. */
  MISSING_CREDENTIAL,
  /** The {@code Authorization} header uses a scheme other than {@code Bearer}, or none. */
  WRONG_SCHEME,
  /** The token or shared secret does not match the configured one. */
  WRONG_CREDENTIAL,
  /** The body signature header is absent or empty. */
  MISSING_SIGNATURE,
  /** The body signature is not 64 hex digits, with or without the {@code sha256=} prefix. */
  MALFORMED_SIGNATURE,
  /** The body signature is not the HMAC-SHA256 of the body under the configured key. */
  WRONG_SIGNATURE;

  public boolean isAccepted() {
    return this == ACCEPTED;
  }
}
