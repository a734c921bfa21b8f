package dev.custos.signer.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.custos.signer.LogKeys;
import dev.custos.signer.pushes.PublishFailedException;
import dev.custos.signer.pushes.PublishTimeoutException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps each webhook failure to its status and an RFC 9457 problem-details body, counts it and logs
 * it without the request's credential or body.
 *
 * <table>
 *   <caption>Statuses</caption>
 *   <tr><td>{@link UnknownRegistryException}</td><td>404</td></tr>
 *   <tr><td>{@link WebhookUnauthorizedException}</td><td>401, {@code WWW-Authenticate} for bearer
 *       registries</td></tr>
 *   <tr><td>{@link WebhookBodyTooLargeException}</td><td>413</td></tr>
 *   <tr><td>{@link UnsupportedWebhookMediaTypeException}</td><td>415, with the accepted types</td></tr>
 *   <tr><td>{@link InvalidWebhookPayloadException}</td><td>400, with the JSON path</td></tr>
 *   <tr><td>{@link PublishTimeoutException}, {@link PublishFailedException}</td><td>503, {@code
 *       Retry-After}</td></tr>
 * </table>
 */
public class WebhookExceptionMappers {
  public static final String PROBLEM_JSON = "application/problem+json";

  static final List<String> ACCEPTED_MEDIA_TYPES =
      List.of(
          RegistryWebhookParser.DISTRIBUTION_EVENTS_V1,
          RegistryWebhookParser.DISTRIBUTION_EVENTS_V2,
          RegistryWebhookParser.JSON);

  private static final Logger log = LoggerFactory.getLogger(WebhookExceptionMappers.class);
  private static final String BEARER_CHALLENGE = "Bearer realm=\"custos-signer\"";

  private final RegistryEndpoints endpoints;
  private final WebhookMetrics metrics;

  WebhookExceptionMappers(RegistryEndpoints endpoints, WebhookMetrics metrics) {
    this.endpoints = endpoints;
    this.metrics = metrics;
  }

  /**
   * Problem-details body. {@code path} is the JSON path of a malformed value, and {@code accepted}
   * lists the media types a 415 would have accepted. Both are left out when null.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Problem(
      String title, int status, String detail, String path, List<String> accepted) {}

  @ServerExceptionMapper
  public Response unknownRegistry(UnknownRegistryException e) {
    metrics.countRejected(WebhookMetrics.UNKNOWN_REGISTRY, 404);
    log.atInfo()
        .addKeyValue(LogKeys.STATUS, 404)
        .addKeyValue(LogKeys.REGISTRY_COUNT, endpoints.size())
        .log("Registry webhook rejected: unknown registry");
    return problem(Status.NOT_FOUND, e.getMessage(), null, null).build();
  }

  @ServerExceptionMapper
  public Response unauthorized(WebhookUnauthorizedException e) {
    metrics.countRejected(e.registry(), 401);
    log.atWarn()
        .addKeyValue(LogKeys.REGISTRY, e.registry())
        .addKeyValue(LogKeys.STATUS, 401)
        .addKeyValue(LogKeys.REASON, e.result())
        .log("Registry webhook rejected: authentication failed");
    Response.ResponseBuilder response = problem(Status.UNAUTHORIZED, e.getMessage(), null, null);
    if (e.bearer()) {
      response.header(HttpHeaders.WWW_AUTHENTICATE, bearerChallenge(e.result()));
    }
    return response.build();
  }

  @ServerExceptionMapper
  public Response bodyTooLarge(WebhookBodyTooLargeException e) {
    metrics.countRejected(e.registry(), 413);
    log.atInfo()
        .addKeyValue(LogKeys.REGISTRY, e.registry())
        .addKeyValue(LogKeys.STATUS, 413)
        .log("Registry webhook rejected: body too large");
    return problem(Status.REQUEST_ENTITY_TOO_LARGE, e.getMessage(), null, null).build();
  }

  @ServerExceptionMapper
  public Response unsupportedMediaType(UnsupportedWebhookMediaTypeException e, UriInfo uri) {
    String registry = registryTag(uri);
    metrics.countRejected(registry, 415);
    log.atInfo()
        .addKeyValue(LogKeys.REGISTRY, registry)
        .addKeyValue(LogKeys.STATUS, 415)
        .log("Registry webhook rejected: unsupported media type");
    return problem(Status.UNSUPPORTED_MEDIA_TYPE, e.getMessage(), null, ACCEPTED_MEDIA_TYPES)
        .build();
  }

  @ServerExceptionMapper
  public Response invalidPayload(InvalidWebhookPayloadException e, UriInfo uri) {
    String registry = registryTag(uri);
    metrics.countRejected(registry, 400);
    // The problem text can quote values from the body, so only the path is logged.
    log.atInfo()
        .addKeyValue(LogKeys.REGISTRY, registry)
        .addKeyValue(LogKeys.STATUS, 400)
        .addKeyValue(LogKeys.JSON_PATH, e.path())
        .log("Registry webhook rejected: malformed payload");
    return problem(Status.BAD_REQUEST, e.getMessage(), e.path(), null).build();
  }

  @ServerExceptionMapper
  public Response publishTimedOut(PublishTimeoutException e, UriInfo uri) {
    return publishTimedOut(e, registryTag(uri));
  }

  Response publishTimedOut(PublishTimeoutException e, String registry) {
    log.atWarn()
        .addKeyValue(LogKeys.REGISTRY, registry)
        .addKeyValue(LogKeys.STATUS, 503)
        .log("Registry webhook not acknowledged: " + e.getMessage());
    return unavailable(registry, e.getMessage(), retryAfterSeconds(e));
  }

  @ServerExceptionMapper
  public Response publishFailed(PublishFailedException e, UriInfo uri) {
    String registry = registryTag(uri);
    log.atError()
        .addKeyValue(LogKeys.REGISTRY, registry)
        .addKeyValue(LogKeys.STATUS, 503)
        .setCause(e)
        .log("Registry webhook not acknowledged: publishing to Kafka failed");
    return unavailable(registry, e.getMessage(), 1);
  }

  private Response unavailable(String registry, String detail, long retryAfterSeconds) {
    metrics.countRejected(registry, 503);
    return problem(
            Status.SERVICE_UNAVAILABLE,
            detail + "; nothing is lost, deliver the notification again",
            null,
            null)
        .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds)
        .build();
  }

  /** Waits about one publish timeout, at least one second, before the next attempt. */
  private static long retryAfterSeconds(PublishTimeoutException e) {
    long millis = e.timeout().toMillis();
    return Math.max(1, (millis + 999) / 1000);
  }

  /** Challenges with an RFC 6750 error code only when a wrong token was presented. */
  private static String bearerChallenge(CredentialCheckResult result) {
    if (result == CredentialCheckResult.WRONG_CREDENTIAL) {
      return BEARER_CHALLENGE + ", error=\"invalid_token\"";
    }
    return BEARER_CHALLENGE;
  }

  /** Returns the path's registry name when it is configured, else the unknown-registry tag. */
  private String registryTag(UriInfo uri) {
    String name = uri.getPathParameters().getFirst("registry");
    if (name == null || endpoints.find(name).isEmpty()) {
      return WebhookMetrics.UNKNOWN_REGISTRY;
    }
    return name;
  }

  private static Response.ResponseBuilder problem(
      Status status, String detail, String path, List<String> accepted) {
    Problem body =
        new Problem(status.getReasonPhrase(), status.getStatusCode(), detail, path, accepted);
    return Response.status(status).type(PROBLEM_JSON).entity(body);
  }
}
