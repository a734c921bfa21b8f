package dev.custos.metadata.api;

/**
 * The canonical {@code google.rpc.Code} names that the Grafeas API returns in {@code error.status},
 * with the HTTP status that the "HTTP Mapping" comments of {@code google/rpc/code.proto}
 * (proto-google-common-protos 2.65.1) give each.
 */
public enum ErrorStatus {
  INVALID_ARGUMENT(400),
  FAILED_PRECONDITION(400),
  UNAUTHENTICATED(401),
  PERMISSION_DENIED(403),
  NOT_FOUND(404),
  ALREADY_EXISTS(409),
  INTERNAL(500),
  UNIMPLEMENTED(501),
  UNAVAILABLE(503);

  private final int httpStatus;

  ErrorStatus(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /**
   * Returns the status for an HTTP error that the REST framework raised itself, such as NOT_FOUND
   * for an unknown route or UNIMPLEMENTED for a method that the route does not serve (405).
   */
  public static ErrorStatus forHttpStatus(int httpStatus) {
    switch (httpStatus) {
      case 401:
        return UNAUTHENTICATED;
      case 403:
        return PERMISSION_DENIED;
      case 404:
        return NOT_FOUND;
      case 409:
        return ALREADY_EXISTS;
      case 405:
      case 501:
        return UNIMPLEMENTED;
      case 503:
        return UNAVAILABLE;
      default:
        return httpStatus >= 500 ? INTERNAL : INVALID_ARGUMENT;
    }
  }
}
