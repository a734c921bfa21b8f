package dev.custos.metadata.grpc;

import dev.custos.metadata.api.UnauthenticatedException;
import dev.custos.metadata.auth.ApiPrincipal;
import dev.custos.metadata.auth.Principals;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Authenticates every gRPC call by its {@code authorization: Bearer <token>} metadata, with the
 * same principals as REST, and closes a call without a configured token with UNAUTHENTICATED before
 * the service method runs.
 */
@ApplicationScoped
public class BearerTokenInterceptor implements ServerInterceptor {
  /** The principal of the current call, set for the service method by this interceptor. */
  static final Context.Key<ApiPrincipal> CALLER = Context.key("custos-caller");

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final Principals principals;

  BearerTokenInterceptor(Principals principals) {
    this.principals = principals;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    ApiPrincipal caller;
    try {
      caller = principals.authenticateHeader(headers.get(AUTHORIZATION));
    } catch (UnauthenticatedException e) {
      call.close(Status.UNAUTHENTICATED.withDescription(e.getMessage()), new Metadata());
      return new ServerCall.Listener<>() {};
    }

    return Contexts.interceptCall(Context.current().withValue(CALLER, caller), call, headers, next);
  }
}
