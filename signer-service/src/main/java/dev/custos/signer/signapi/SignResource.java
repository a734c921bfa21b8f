package dev.custos.signer.signapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custos.events.image.ImageReference;
import dev.custos.events.image.InvalidImageReferenceException;
import dev.custos.events.signer.ImageSigned;
import dev.custos.events.signer.RefusalReason;
import dev.custos.events.signer.SigningRefused;
import dev.custos.signer.LogKeys;
import dev.custos.signer.SignerConfig;
import dev.custos.signer.metadata.MetadataServiceException;
import dev.custos.signer.runner.OutcomeEvents;
import dev.custos.signer.runner.RecordSender.RecordSendException;
import dev.custos.signer.runner.WorkflowComponents;
import dev.custos.signer.runner.WorkflowResult;
import dev.custos.signer.webhook.WebhookExceptionMappers;
import dev.custos.signer.workflow.WorkflowRule;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/sign}: a person or a pipeline requests an authority's signature of a digest. The
 * first workflow rule of that authority whose pattern matches the repository applies, with the same
 * preconditions as for a push, and the response carries the outcome.
 */
@Path("/v1/sign")
public class SignResource {
  private static final Logger log = LoggerFactory.getLogger(SignResource.class);
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Pattern NOTE_NAME = Pattern.compile("projects/[^/\\s]+/notes/[^/\\s]+");
  private static final String BEARER = "Bearer ";
  private static final String CHALLENGE = "Bearer realm=\"custos-signer\"";

  private final SignApiTokens tokens;
  private final WorkflowComponents components;

  SignResource(SignerConfig config, WorkflowComponents components) {
    this.tokens = SignApiTokens.fromHashes(config.signApi().tokens().orElse(List.of()));
    this.components = components;
  }

  /** Response body. Fields that do not apply to the outcome are left out. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SignResponse(
      String outcome,
      String authority,
      String digest,
      String repository,
      String workflowRule,
      String attestation,
      Boolean created,
      List<RefusalReason> reasons,
      Long retryAfterSeconds) {}

  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Response sign(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
    if (!authorized(authorization)) {
      log.atWarn()
          .addKeyValue(LogKeys.STATUS, 401)
          .log("Sign request rejected: missing or wrong token");
      return problem(Response.Status.UNAUTHORIZED, "a valid bearer token is required")
          .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE)
          .build();
    }

    SignRequest request;
    try {
      request = parse(body);
    } catch (IllegalArgumentException e) {
      return problem(Response.Status.BAD_REQUEST, e.getMessage()).build();
    }
    Optional<WorkflowRule> rule = ruleFor(request);
    if (rule.isEmpty()) {
      return problem(
              Response.Status.BAD_REQUEST,
              "no workflow rule of authority "
                  + request.authority()
                  + " covers "
                  + request.image().canonicalName()
                  + "; configure one under custos.signer.workflows or request another authority")
          .build();
    }
    return run(rule.get(), request.image());
  }

  private record SignRequest(String authority, ImageReference image) {}

  private boolean authorized(String authorization) {
    if (authorization == null
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return false;
    }
    return tokens.accepts(authorization.substring(BEARER.length()));
  }

  private static SignRequest parse(String body) {
    JsonNode json;
    try {
      json = MAPPER.readTree(body == null ? "" : body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "the body is not JSON: "
              + e.getOriginalMessage()
              + "; send {\"authority\":..,\"image\":..}");
    }
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException(
          "the body must be a JSON object {\"authority\":\"projects/<p>/notes/<id>\","
              + "\"image\":\"<registry>/<repository>[:tag]@sha256:<hex>\"}");
    }
    String authority = text(json, "authority");
    if (!NOTE_NAME.matcher(authority).matches()) {
      throw new IllegalArgumentException(
          "authority: '" + authority + "' is not a note name projects/<project>/notes/<id>");
    }
    String reference = text(json, "image");
    ImageReference image;
    try {
      image = ImageReference.parse(reference);
    } catch (InvalidImageReferenceException e) {
      throw new IllegalArgumentException("image: " + e.getMessage());
    }
    if (!image.hasDigest()) {
      throw new IllegalArgumentException(
          "image: '" + reference + "' has no digest; a signature names one, as @sha256:<hex>");
    }
    return new SignRequest(authority, image);
  }

  private static String text(JsonNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null || !value.isTextual() || value.textValue().isBlank()) {
      throw new IllegalArgumentException(field + ": is required as a non-blank string");
    }
    return value.textValue();
  }

  private Optional<WorkflowRule> ruleFor(SignRequest request) {
    return components.rules().rules().stream()
        .filter(rule -> rule.authority().equals(request.authority()))
        .filter(rule -> rule.repository().matches(request.image().canonicalName()))
        .findFirst();
  }

  private Response run(WorkflowRule rule, ImageReference image) {
    String digest = image.digest().toString();
    // The request counts as the push, so a rule that requires a scan waits from now.
    Instant requestedAt = Instant.now();
    WorkflowResult result;
    try {
      result = components.workflow().run(rule, image, requestedAt);
      switch (result.status()) {
        case SIGNED -> {
          ImageSigned signed = OutcomeEvents.signed(rule, image, result.attestationName());
          components
              .sender()
              .sendEvent(
                  components.outcomesTopic(),
                  signed,
                  OutcomeEvents.signedId(signed),
                  Instant.now());
          components.metrics().countSigned(rule.name(), result.created());
        }
        case REFUSED -> {
          SigningRefused refused = OutcomeEvents.refused(rule, image, result.reasons());
          String id = OutcomeEvents.refusedId(refused, "sign-request:" + UUID.randomUUID());
          components.sender().sendEvent(components.outcomesTopic(), refused, id, Instant.now());
          components.metrics().countRefused(rule.name(), result.reasons());
        }
        case WAITING -> {
          // Nothing is published, and the caller requests again once the scan has finished.
        }
      }
    } catch (MetadataServiceException | RecordSendException e) {
      log.atWarn()
          .addKeyValue(LogKeys.DIGEST, digest)
          .addKeyValue(LogKeys.ERROR, e.getMessage())
          .log("Sign request failed; the caller may try again");
      return problem(
              Response.Status.SERVICE_UNAVAILABLE,
              "the metadata service or Kafka is unavailable; try again later")
          .header("Retry-After", "5")
          .build();
    }

    log.atInfo()
        .addKeyValue(LogKeys.DIGEST, digest)
        .addKeyValue(LogKeys.AUTHORITY, rule.authority())
        .addKeyValue(LogKeys.WORKFLOW_RULE, rule.name())
        .addKeyValue(LogKeys.OUTCOME, result.status().name().toLowerCase(java.util.Locale.ROOT))
        .log("Sign request answered");
    return response(rule, image, result);
  }

  private static Response response(WorkflowRule rule, ImageReference image, WorkflowResult result) {
    String digest = image.digest().toString();
    String repository = image.canonicalName();
    return switch (result.status()) {
      case SIGNED ->
          Response.ok(
                  new SignResponse(
                      "signed",
                      rule.authority(),
                      digest,
                      repository,
                      rule.name(),
                      result.attestationName(),
                      result.created(),
                      null,
                      null))
              .build();
      case REFUSED ->
          Response.ok(
                  new SignResponse(
                      "refused",
                      rule.authority(),
                      digest,
                      repository,
                      rule.name(),
                      null,
                      null,
                      result.reasons(),
                      null))
              .build();
      case WAITING -> {
        long seconds = Math.max(1, result.remainingWait().toSeconds());
        yield Response.accepted(
                new SignResponse(
                    "waiting",
                    rule.authority(),
                    digest,
                    repository,
                    rule.name(),
                    null,
                    null,
                    null,
                    seconds))
            .header("Retry-After", Long.toString(Math.min(seconds, 60)))
            .build();
      }
    };
  }

  private static Response.ResponseBuilder problem(Response.Status status, String detail) {
    return Response.status(status)
        .type(WebhookExceptionMappers.PROBLEM_JSON)
        .entity(
            new WebhookExceptionMappers.Problem(
                status.getReasonPhrase(), status.getStatusCode(), detail, null, null));
  }
}
