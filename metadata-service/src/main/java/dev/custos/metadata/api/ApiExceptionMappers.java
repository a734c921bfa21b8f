package dev.custos.metadata.api;

import dev.custos.metadata.LogKeys;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 *   <li>a database that cannot be reached is UNAVAILABLE (503), which clients retry;
 *   <li>anything else is INTERNAL, logged with its stack trace, and the client sees no details.
 * </ul>
 */
public class ApiExceptionMappers {
  private static final Logger log = LoggerFactory.getLogger(ApiExceptionMappers.class);

  private static final String UNIQUE_VIOLATION = "23505";
  private static final String FOREIGN_KEY_VIOLATION = "23503";

  /** Retry delay in seconds that a 503 response gives the client. */
  static final int RETRY_DELAY_SECONDS = 1;

  static final int OUTAGE_LOG_INTERVAL_SECONDS = 10;

  private static final OutageLog OUTAGE_LOG = new OutageLog();

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
    if (DatabaseFailures.isUnavailable(e)) {
      OUTAGE_LOG.record(e);
      return ErrorResponses.unavailable(
          "The database is unavailable. Retry the request later", RETRY_DELAY_SECONDS);
    }

    String sqlState = DatabaseFailures.findSqlState(e);
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

  /**
   * Logs failures to reach the database: the first one, and then at most one line every {@value
   * #OUTAGE_LOG_INTERVAL_SECONDS} seconds with the number of failures since the last line.
   */
  static final class OutageLog {
    private final AtomicLong lastLoggedNanos = new AtomicLong(System.nanoTime() - INTERVAL_NANOS);
    private final AtomicLong suppressed = new AtomicLong();

    private static final long INTERVAL_NANOS =
        TimeUnit.SECONDS.toNanos(OUTAGE_LOG_INTERVAL_SECONDS);

    void record(Throwable e) {
      long now = System.nanoTime();
      long last = lastLoggedNanos.get();
      if (now - last < INTERVAL_NANOS || !lastLoggedNanos.compareAndSet(last, now)) {
        suppressed.incrementAndGet();
        return;
      }

      log.atWarn()
          .addKeyValue(LogKeys.ERROR, rootMessage(e))
          .addKeyValue(LogKeys.SUPPRESSED, suppressed.getAndSet(0))
          .log("Request failed with 503 because the database is unavailable");
    }

    private static String rootMessage(Throwable e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }

      return root.getClass().getName() + ": " + root.getMessage();
    }
  }
}
