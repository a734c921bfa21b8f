package dev.custos.metadata.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Builds responses with the Google API error body that Grafeas clients parse: {@code
 * {"error":{"code":400,"message":"...","status":"INVALID_ARGUMENT"}}}.
 */
public final class ErrorResponses {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ErrorResponses() {}

  public static Response of(ErrorStatus status, String message) {
    return of(status.httpStatus(), status, message);
  }

  /**
   * Builds an error response whose HTTP status differs from the usual one of {@code status}, for
   * HTTP errors such as 405 that have no status of their own.
   */
  public static Response of(int httpStatus, ErrorStatus status, String message) {
    Response.ResponseBuilder response =
        Response.status(httpStatus)
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(body(httpStatus, status, message));
    if (status == ErrorStatus.UNAUTHENTICATED) {
      response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }

    return response.build();
  }

  /**
   * Builds a 503 UNAVAILABLE response with a retry delay of {@code retryDelaySeconds}, in a {@code
   * Retry-After} header and in a {@code google.rpc.RetryInfo} entry of {@code error.details}, which
   * Google API clients read.
   */
  public static Response unavailable(String message, int retryDelaySeconds) {
    ObjectNode root = tree(ErrorStatus.UNAVAILABLE.httpStatus(), ErrorStatus.UNAVAILABLE, message);
    ((ObjectNode) root.get("error"))
        .putArray("details")
        .addObject()
        .put("@type", "type.googleapis.com/google.rpc.RetryInfo")
        .put("retryDelay", retryDelaySeconds + "s");

    return Response.status(ErrorStatus.UNAVAILABLE.httpStatus())
        .type(MediaType.APPLICATION_JSON_TYPE)
        .header(HttpHeaders.RETRY_AFTER, Integer.toString(retryDelaySeconds))
        .entity(root.toString())
        .build();
  }

  static String body(int httpStatus, ErrorStatus status, String message) {
    return tree(httpStatus, status, message).toString();
  }

  private static ObjectNode tree(int httpStatus, ErrorStatus status, String message) {
    ObjectNode root = MAPPER.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("code", httpStatus);
    error.put("message", message);
    error.put("status", status.name());

    return root;
  }
}
