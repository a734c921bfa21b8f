package dev.custos.signer.webhook;

import java.util.Objects;

/** Thrown when a webhook request's credential or body signature fails its registry's check. */
public final class WebhookUnauthorizedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String registry;
  private final CredentialCheckResult result;
  private final boolean bearer;

  /**
   * Creates the exception for a failed check.
   *
   * @param bearer whether the registry authenticates with a bearer token, which the 401 challenges
   *     for in {@code WWW-Authenticate}
   */
  public WebhookUnauthorizedException(
      String registry, CredentialCheckResult result, boolean bearer) {
    super(message(Objects.requireNonNull(result, "result")));
    if (result.isAccepted()) {
      throw new IllegalArgumentException("an accepted credential is not unauthorized");
    }
    this.registry = registry;
    this.result = result;
    this.bearer = bearer;
  }

  public String registry() {
    return registry;
  }

  public CredentialCheckResult result() {
    return result;
  }

  public boolean bearer() {
    return bearer;
  }

  private static String message(CredentialCheckResult result) {
    switch (result) {
      case MISSING_CREDENTIAL:
        return "missing credential: send the registry's token or shared secret";
      case WRONG_SCHEME:
        return "wrong authorization scheme: send Authorization: Bearer <token>";
      case WRONG_CREDENTIAL:
        return "invalid credential";
      case MISSING_SIGNATURE:
        return "missing body signature: send the HMAC-SHA256 of the body";
      case MALFORMED_SIGNATURE:
        return "malformed body signature: expected 64 hex digits, optionally after sha256=";
      case WRONG_SIGNATURE:
        return "invalid body signature";
      default:
        return "invalid credential";
    }
  }
}
