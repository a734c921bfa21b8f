package dev.custos.metadata.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.RetryInfo;
import dev.custos.metadata.api.AlreadyExistsException;
import dev.custos.metadata.api.ApiException;
import dev.custos.metadata.api.ApiExceptionMappers;
import dev.custos.metadata.api.ErrorStatus;
import dev.custos.metadata.api.FailedPreconditionException;
import dev.custos.metadata.api.InvalidArgumentException;
import dev.custos.metadata.api.PermissionDeniedException;
import dev.custos.metadata.api.ResourceNotFoundException;
import dev.custos.metadata.api.UnauthenticatedException;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.protobuf.StatusProto;
import io.vertx.pgclient.PgException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class GrpcErrorsTest {
  private final GrpcErrors errors = new GrpcErrors(new ApiExceptionMappers());

  /** An API error of a status that no exception class of the service has yet. */
  private static final class Unavailable extends ApiException {
    private static final long serialVersionUID = 1L;

    Unavailable(String message) {
      super(message);
    }

    @Override
    public ErrorStatus status() {
      return ErrorStatus.UNAVAILABLE;
    }
  }

  private void assertStatus(Throwable failure, Status.Code code, String message) {
    StatusException status = errors.toStatus(failure);

    assertThat(status.getStatus().getCode()).isEqualTo(code);
    assertThat(status.getStatus().getDescription()).isEqualTo(message);
  }

  @Test
  void apiErrorsKeepCodeAndMessage() {
    assertStatus(new InvalidArgumentException("bad"), Status.Code.INVALID_ARGUMENT, "bad");
    assertStatus(new ResourceNotFoundException("gone"), Status.Code.NOT_FOUND, "gone");
    assertStatus(new AlreadyExistsException("twice"), Status.Code.ALREADY_EXISTS, "twice");
    assertStatus(new FailedPreconditionException("used"), Status.Code.FAILED_PRECONDITION, "used");
    assertStatus(new UnauthenticatedException("who"), Status.Code.UNAUTHENTICATED, "who");
    assertStatus(new PermissionDeniedException("no"), Status.Code.PERMISSION_DENIED, "no");
    assertStatus(new Unavailable("retry"), Status.Code.UNAVAILABLE, "retry");
  }

  @Test
  void uniqueViolationIsAlreadyExists() {
    PgException violation = new PgException("duplicate key", "ERROR", "23505", "detail");

    assertStatus(
        new CompletionException(violation),
        Status.Code.ALREADY_EXISTS,
        "The resource already exists, because a concurrent request created it");
  }

  @Test
  void unreachableDatabaseIsUnavailableWithRetryInfo() throws Exception {
    Throwable failure = new CompletionException(new ConnectException("Connection refused"));

    StatusException status = errors.toStatus(failure);

    assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(status.getStatus().getDescription())
        .isEqualTo("The database is unavailable. Retry the request later");
    com.google.rpc.Status details = StatusProto.fromThrowable(status);
    assertThat(details).isNotNull();
    assertThat(details.getDetailsList()).hasSize(1);
    RetryInfo retry = details.getDetails(0).unpack(RetryInfo.class);
    assertThat(retry.getRetryDelay().getSeconds()).isEqualTo(1);
  }

  @Test
  void shutdownSqlStateIsUnavailable() {
    PgException shutdown = new PgException("terminating connection", "FATAL", "57P01", "detail");

    assertStatus(
        new CompletionException(shutdown),
        Status.Code.UNAVAILABLE,
        "The database is unavailable. Retry the request later");
  }

  @Test
  void unexpectedErrorHidesDetails() {
    assertStatus(
        new IllegalStateException("secret detail"), Status.Code.INTERNAL, "Internal error");
  }
}
