package dev.custos.metadata.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.pgclient.PgException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.core.Response;
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
  void wrongMethodKeepsHttpStatus() {
    Response response =
        mappers.mapWebApplicationException(
            new NotAllowedException("Method not allowed", "GET", new String[] {"POST"}));

    assertThat(response.getStatus()).isEqualTo(405);
    assertThat((String) response.getEntity()).contains("\"code\":405");
    assertThat((String) response.getEntity()).contains("\"status\":\"UNIMPLEMENTED\"");
  }
}
