package dev.custos.audit.api;

/**
 * A request that the read API rejects, rendered as an RFC 9457 problem-details body by {@link
 * ProblemMapper}.
 */
class ApiException extends RuntimeException {
  private final int status;
  private final String title;
  private final String parameter;

  private ApiException(int status, String title, String parameter, String detail) {
    super(detail);
    this.status = status;
    this.title = title;
    this.parameter = parameter;
  }

  /** Creates a 400 for a query parameter that is missing or invalid, naming the parameter. */
  static ApiException invalidParameter(String parameter, String detail) {
    return new ApiException(400, "Invalid query parameter", parameter, detail);
  }

  /** Creates a 401 for a missing or unknown bearer token. */
  static ApiException unauthorized(String detail) {
    return new ApiException(401, "Unauthorized", null, detail);
  }

  /** Creates a 403 for a known token whose role may not use the route. */
  static ApiException forbidden(String detail) {
    return new ApiException(403, "Forbidden", null, detail);
  }

  /** Creates a 404 for something the request names that the log does not contain. */
  static ApiException notFound(String parameter, String detail) {
    return new ApiException(404, "Not found", parameter, detail);
  }

  /** Creates a 503 for a route that cannot respond yet, for example before the first checkpoint. */
  static ApiException unavailable(String detail) {
    return new ApiException(503, "Service unavailable", null, detail);
  }

  int status() {
    return status;
  }

  String title() {
    return title;
  }

  /** Returns the query parameter at fault, or null when the problem is not about one. */
  String parameter() {
    return parameter;
  }
}
