package dev.custos.metadata.grpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import dev.custos.metadata.api.ApiException;
import dev.custos.metadata.api.ApiExceptionMappers;
import dev.custos.metadata.api.DatabaseFailures;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.protobuf.StatusProto;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the failures of the services into gRPC statuses with the same code and message as the REST
 * error body. The error names of {@code google.rpc.Code}, which the REST body carries in {@code
 * error.status}, are also the gRPC status codes.
 */
@ApplicationScoped
public class GrpcErrors {
  private static final Logger log = LoggerFactory.getLogger(GrpcErrors.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ApiExceptionMappers restMappers;

  GrpcErrors(ApiExceptionMappers restMappers) {
    this.restMappers = restMappers;
  }

  /** Returns the status for a failure of a call. */
  public StatusException toStatus(Throwable failure) {
    if (failure instanceof ApiException api) {
      return status(api.status().name(), api.getMessage());
    }

    if (DatabaseFailures.isUnavailable(failure)) {
      ApiExceptionMappers.recordOutage(failure);
      return unavailable();
    }

    // Other database errors and unexpected failures go through the REST mapping, so that both
    // transports classify them alike and an unexpected failure is logged once, with its stack
    // trace.
    // NOTE: only mapUnexpected is consulted. A REST mapper added for another exception type needs a
    // branch here too, or gRPC reports it as INTERNAL.
    Response response = restMappers.mapUnexpected(failure);
    try {
      JsonNode error = MAPPER.readTree((String) response.getEntity()).path("error");
      return status(error.path("status").asText(), error.path("message").asText());
    } catch (IOException | ClassCastException e) {
      log.atError().setCause(e).log("The REST error mapping returned a body that is not an error");
      return Status.INTERNAL.withDescription("Internal error").asException();
    }
  }

  /**
   * Returns UNAVAILABLE with a {@code google.rpc.RetryInfo} detail in the status trailers, the
   * retry hint that the REST 503 body carries as well.
   */
  private static StatusException unavailable() {
    RetryInfo retry =
        RetryInfo.newBuilder()
            .setRetryDelay(
                Duration.newBuilder().setSeconds(ApiExceptionMappers.RETRY_DELAY_SECONDS))
            .build();
    com.google.rpc.Status status =
        com.google.rpc.Status.newBuilder()
            .setCode(Code.UNAVAILABLE_VALUE)
            .setMessage(ApiExceptionMappers.DATABASE_UNAVAILABLE)
            .addDetails(Any.pack(retry))
            .build();

    return StatusProto.toStatusException(status);
  }

  private static StatusException status(String code, String message) {
    Status.Code grpcCode;
    try {
      grpcCode = Status.Code.valueOf(code);
    } catch (IllegalArgumentException e) {
      grpcCode = Status.Code.INTERNAL;
    }

    return Status.fromCode(grpcCode).withDescription(message).asException();
  }
}
