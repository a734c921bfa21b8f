package dev.custos.audit.api;

import dev.custos.audit.AuditConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bearer tokens of the read API, configured as SHA-256 hashes with one role each under {@code
 * custos.audit.tokens.<name>}. A presented token is hashed and compared with every configured hash
 * in constant time. The bean is created at startup, so an invalid hash stops the startup.
 */
@Startup
@ApplicationScoped
public class BearerTokens {
  private static final String BEARER_PREFIX = "Bearer ";

  private final List<KnownToken> tokens = new ArrayList<>();

  @Inject
  BearerTokens(AuditConfig config) {
    this(config.tokens());
  }

  /**
   * Creates the tokens from the configuration.
   *
   * @throws IllegalStateException if a hash is not 64 hex digits, which stops the startup
   */
  BearerTokens(Map<String, AuditConfig.Token> configured) {
    configured.forEach(
        (name, token) -> {
          String hex = token.sha256().strip();
          if (!hex.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalStateException(
                "custos.audit.tokens." + name + ".sha256 must be 64 hex digits (a SHA-256 hash)");
          }
          tokens.add(new KnownToken(name, HexFormat.of().parseHex(hex), token.role()));
        });
  }

  /** Returns the number of configured tokens. */
  int count() {
    return tokens.size();
  }

  /**
   * Checks the {@code Authorization} header of a request.
   *
   * @throws ApiException 401 when the header is missing, not a bearer token or an unknown token,
   *     and 403 when the token's role is not {@code required}
   */
  void authorize(String authorization, TokenRole required) {
    // The scheme name is case-insensitive (RFC 9110, section 11.1), as the other services accept.
    if (authorization == null
        || !authorization.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length())) {
      throw ApiException.unauthorized("this route needs an Authorization: Bearer <token> header");
    }
    byte[] hash = sha256(authorization.substring(BEARER_PREFIX.length()).strip());
    KnownToken match = null;
    for (KnownToken token : tokens) {
      // Compare with every token, so the time taken does not show which one matched.
      if (MessageDigest.isEqual(token.sha256(), hash)) {
        match = token;
      }
    }
    if (match == null) {
      throw ApiException.unauthorized("the bearer token is not a configured token");
    }
    if (match.role() != required) {
      throw ApiException.forbidden(
          "this route needs the role "
              + required.name().toLowerCase(Locale.ROOT)
              + ", but the token has the role "
              + match.role().name().toLowerCase(Locale.ROOT));
    }
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK's security providers", e);
    }
  }

  private record KnownToken(String name, byte[] sha256, TokenRole role) {}
}
