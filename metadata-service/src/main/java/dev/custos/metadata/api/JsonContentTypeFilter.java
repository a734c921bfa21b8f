package dev.custos.metadata.api;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Rejects with 415 a REST {@code POST} or {@code PATCH} whose body is declared as something other
 * than JSON, since every body is a Grafeas JSON message. Accepted: {@code application/json} (with a
 * UTF-8 {@code charset} if any), no {@code Content-Type} at all, and {@code
 * application/x-www-form-urlencoded}, which {@code curl -d} sends, so that the curl scripts of the
 * Grafeas tutorials work unchanged. It runs after authentication, so an unauthenticated request
 * still gets 401.
 */
public class JsonContentTypeFilter {
  static final int UNSUPPORTED_MEDIA_TYPE = 415;

  @ServerRequestFilter(priority = Priorities.USER + 100)
  public Optional<Response> requireJson(ContainerRequestContext request) {
    String method = request.getMethod();
    if (!method.equals(HttpMethod.POST) && !method.equals(HttpMethod.PATCH)) {
      return Optional.empty();
    }
    if (!hasBody(request)) {
      return Optional.empty();
    }

    String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
    if (contentType == null || isJson(contentType) || isCurlDefault(contentType)) {
      return Optional.empty();
    }

    return Optional.of(
        ErrorResponses.of(
            UNSUPPORTED_MEDIA_TYPE,
            ErrorStatus.INVALID_ARGUMENT,
            "Unsupported Content-Type "
                + "'"
                + contentType
                + "'"
                + ": the request body must be JSON, sent with Content-Type: application/json"));
  }

  private static boolean hasBody(ContainerRequestContext request) {
    if (request.getHeaderString("Transfer-Encoding") != null) {
      return true;
    }

    return request.getLength() > 0;
  }

  private static boolean isCurlDefault(String contentType) {
    try {
      return MediaType.valueOf(contentType)
          .isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean isJson(String contentType) {
    MediaType type;
    try {
      type = MediaType.valueOf(contentType);
    } catch (IllegalArgumentException e) {
      return false;
    }
    String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);

    return type.getType().equalsIgnoreCase("application")
        && type.getSubtype().equalsIgnoreCase("json")
        && (charset == null || charset.equalsIgnoreCase("utf-8"));
  }
}
