package dev.custos.metadata.auth;

import dev.custos.metadata.api.UnauthenticatedException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Rejects every REST API request without a valid {@code Authorization: Bearer <token>} header with
 * 401 UNAUTHENTICATED. Health and metrics under {@code /q} are not REST resources and stay open.
 */
// NOTE: any valid token may call every route. Principals and per-project Grafeas permissions
// (notes.create, occurrences.delete, ...) are not built yet.
public class BearerTokenFilter {
  private static final String BEARER = "Bearer ";

  private final ApiTokens tokens;

  BearerTokenFilter(ApiTokens tokens) {
    this.tokens = tokens;
  }

  @ServerRequestFilter
  public void requireBearerToken(ContainerRequestContext request) {
    String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (authorization == null
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw new UnauthenticatedException(
          "The request has no bearer token: send Authorization: Bearer <token>");
    }

    String token = authorization.substring(BEARER.length()).trim();
    if (token.isEmpty() || !tokens.accepts(token)) {
      throw new UnauthenticatedException("The bearer token is not valid");
    }
  }
}
