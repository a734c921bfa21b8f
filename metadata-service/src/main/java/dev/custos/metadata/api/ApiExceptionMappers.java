package dev.custos.metadata.api;

import io.vertx.sqlclient.DatabaseException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.hibernate.JDBCException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns exceptions into HTTP statuses and Google API error bodies:
 *
 * <ul>
 *   <li>an {@link ApiException} becomes its own status and message;
 *   <li>an HTTP error raised by the REST framework (unknown route, wrong method) keeps its status;
 *   <li>a unique or foreign-key violation that a concurrent request caused is ALREADY_EXISTS or
 *       FAILED_PRECONDITION;
 *   <li>anything else is INTERNAL, logged with its stack trace, and the client sees no details.
 * </ul>
 */
public class ApiExceptionMappers {
  private static final Logger log = LoggerFactory.getLogger(ApiExceptionMappers.class);

  private static final String UNIQUE_VIOLATION = "23505";
  private static final String FOREIGN_KEY_VIOLATION = "23503";

  @ServerExceptionMapper
  public Response mapApiException(ApiException e) {
    return ErrorResponses.of(e.status(), e.getMessage());
  }

  @ServerExceptionMapper
  public Response mapWebApplicationException(WebApplicationException e) {
    int httpStatus = e.getResponse().getStatus();

    return ErrorResponses.of(httpStatus, ErrorStatus.forHttpStatus(httpStatus), e.getMessage());
  }

  @ServerExceptionMapper
  public Response mapUnexpected(Throwable e) {
    String sqlState = findSqlState(e);
    if (UNIQUE_VIOLATION.equals(sqlState)) {
      return ErrorResponses.of(
          ErrorStatus.ALREADY_EXISTS,
          "The resource already exists, because a concurrent request created it");
    }
    if (FOREIGN_KEY_VIOLATION.equals(sqlState)) {
      return ErrorResponses.of(
          ErrorStatus.FAILED_PRECONDITION,
          "A referenced resource was changed by a concurrent request. Retry the request");
    }

    log.atError().setCause(e).log("Request failed with an unexpected error");
    return ErrorResponses.of(ErrorStatus.INTERNAL, "Internal error");
  }

  /** Returns the SQLSTATE of the first database error in the cause chain, or null. */
  private static String findSqlState(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof DatabaseException databaseException) {
        return databaseException.getSqlState();
      }
      if (cause instanceof JDBCException jdbcException) {
        return jdbcException.getSQLState();
      }
    }

    return null;
  }
}
