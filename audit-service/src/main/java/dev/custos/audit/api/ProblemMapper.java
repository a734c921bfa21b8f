package dev.custos.audit.api;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders {@link ApiException} as an RFC 9457 problem-details body ({@code
 * application/problem+json}) with {@code type}, {@code title}, {@code status}, {@code detail} and,
 * for a bad query parameter, the extension member {@code parameter}.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<ApiException> {
  static final String PROBLEM_JSON = "application/problem+json";

  @Override
  public Response toResponse(ApiException exception) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", exception.title());
    body.put("status", exception.status());
    body.put("detail", exception.getMessage());
    if (exception.parameter() != null) {
      body.put("parameter", exception.parameter());
    }

    Response.ResponseBuilder response =
        Response.status(exception.status()).type(PROBLEM_JSON).entity(body);
    if (exception.status() == 401) {
      response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
    return response.build();
  }
}
