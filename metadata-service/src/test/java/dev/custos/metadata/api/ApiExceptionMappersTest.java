package dev.custos.metadata.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ApiExceptionMappersTest {
  private final ApiExceptionMappers mappers = new ApiExceptionMappers();

  private static PgException sqlError(String sqlState) {
    return new PgException("constraint violated", "ERROR", sqlState, "detail");
  }

  @Test
  void apiExceptionKeepsStatusAndMessage() {
    Response response = mappers.mapApiException(new AlreadyExistsException("Note n exists"));

    assertThat(response.getStatus()).isEqualTo(409);
    assertThat(response.getEntity())
        .isEqualTo(
            "{\"error\":{\"code\":409,\"message\":\"Note n exists\",\"status\":\"ALREADY_EXISTS\"}}");
  }

  @Test
  void wrappedUniqueViolationIsAlreadyExists() {
    Response response = mappers.mapUnexpected(new CompletionException(sqlError("23505")));

    assertThat(response.getStatus()).isEqualTo(409);
    assertThat((String) response.getEntity()).contains("\"status\":\"ALREADY_EXISTS\"");
  }

  @Test
  void foreignKeyViolationIsFailedPrecondition() {
    Response response = mappers.mapUnexpected(sqlError("23503"));

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat((String) response.getEntity()).contains("\"status\":\"FAILED_PRECONDITION\"");
  }

  @Test
  void unexpectedErrorHidesDetails() {
    Response response = mappers.mapUnexpected(new IllegalStateException("secret detail"));

    assertThat(response.getStatus()).isEqualTo(500);
    assertThat((String) response.getEntity())
        .contains("\"status\":\"INTERNAL\"")
        .doesNotContain("secret detail");
  }

  @Test
  void refusedConnectionIsUnavailable() {
    Throwable refused =
        new CompletionException(
            new IllegalStateException(
                "pool failed", new ConnectException("Connection refused: /127.0.0.1:5432")));

    Response response = mappers.mapUnexpected(refused);

    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeaderString("Retry-After")).isEqualTo("1");
    assertThat((String) response.getEntity())
        .contains("\"status\":\"UNAVAILABLE\"")
        .contains("\"retryDelay\":\"1s\"")
        .doesNotContain("5432");
  }

  @Test
  void closedConnectionIsUnavailable() {
    Response response =
        mappers.mapUnexpected(new CompletionException(ClosedConnectionException.INSTANCE));

    assertThat(response.getStatus()).isEqualTo(503);
  }

  @Test
  void serverShutdownStatesAreUnavailable() {
    for (String sqlState : List.of("57P01", "57P02", "57P03", "53300", "08006", "08001")) {
      Response response = mappers.mapUnexpected(sqlError(sqlState));

      assertThat(response.getStatus()).as(sqlState).isEqualTo(503);
    }
  }

  @Test
  void otherSqlErrorIsInternal() {
    Response response = mappers.mapUnexpected(sqlError("42P01"));

    assertThat(response.getStatus()).isEqualTo(500);
  }

  @Test
  void wrongMethodKeepsHttpStatus() {
    Response response =
        mappers.mapWebApplicationException(
            new NotAllowedException("Method not allowed", "GET", new String[] {"POST"}));

    assertThat(response.getStatus()).isEqualTo(405);
    assertThat((String) response.getEntity()).contains("\"code\":405");
    assertThat((String) response.getEntity()).contains("\"status\":\"UNIMPLEMENTED\"");
  }
}
