package dev.custos.signer.webhook;

import dev.custos.events.cloudevents.OutgoingCloudEvent;
import dev.custos.events.registry.ImagePushed;
import dev.custos.signer.LogKeys;
import dev.custos.signer.SignerConfig;
import dev.custos.signer.pushes.ImagePushedPublisher;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/registry/{registry}}: receives one registry's push notifications and
 * returns 202 only after the broker acknowledged every {@code image.pushed} record of the request.
 *
 * <p>The checks run from cheapest to dearest, and each one that fails ends the request before the
 * next: the registry name (404), the token or shared secret (401, before the body is read), the
 * declared and then the actual body size (413), the body signature (401), the media type (415) and
 * the envelope (400). {@link WebhookExceptionMappers} turns each failure into its response.
 */
@Path("/webhooks/registry")
public class RegistryWebhookResource {
  private static final Logger log = LoggerFactory.getLogger(RegistryWebhookResource.class);

  private final RegistryEndpoints endpoints;
  private final ImagePushedPublisher publisher;
  private final WebhookMetrics metrics;
  private final RegistryWebhookParser parser = new RegistryWebhookParser();
  private final int maxBodyBytes;
  private final Duration publishTimeout;

  RegistryWebhookResource(
      RegistryEndpoints endpoints,
      ImagePushedPublisher publisher,
      WebhookMetrics metrics,
      SignerConfig config) {
    this.endpoints = endpoints;
    this.publisher = publisher;
    this.metrics = metrics;
    this.maxBodyBytes = config.maxWebhookBodyBytes();
    this.publishTimeout = config.publishTimeout();
  }

  /**
   * Authenticates, reads and parses one webhook request, then publishes its image pushes. Runs on a
   * worker thread, because it reads the body as a stream and waits for the broker.
   */
  @POST
  @Path("/{registry}")
  public Response receive(
      @PathParam("registry") String registryName, @Context HttpHeaders headers, InputStream body)
      throws IOException {
    RegistryEndpoint endpoint =
        endpoints
            .find(registryName)
            .orElseThrow(() -> new UnknownRegistryException(endpoints.size()));
    byte[] bytes = readAuthenticatedBody(endpoint, headers, body);

    RegistryNotification notification =
        parser.parse(headers.getHeaderString(HttpHeaders.CONTENT_TYPE), bytes, endpoint.host());
    metrics.countReceived(endpoint.name(), notification);

    List<OutgoingCloudEvent> published =
        publisher.publish(endpoint.name(), notification.pushes(), publishTimeout);
    metrics.countPublished(endpoint.name(), published.size());
    logAccepted(endpoint, notification, published);

    return Response.accepted(WebhookReceipt.of(endpoint.name(), notification))
        .type(MediaType.APPLICATION_JSON_TYPE)
        .build();
  }

  /** Checks the credential, reads the body within the size limit, then checks its signature. */
  private byte[] readAuthenticatedBody(
      RegistryEndpoint endpoint, HttpHeaders headers, InputStream body) throws IOException {
    Function<String, String> header = firstValues(headers);
    WebhookCredentialCheck check = endpoint.credentialCheck();
    requireAccepted(endpoint, check.checkCredential(header));

    requireDeclaredLengthWithinLimit(endpoint, headers.getHeaderString(HttpHeaders.CONTENT_LENGTH));
    byte[] bytes = readBody(endpoint, body);
    requireAccepted(endpoint, check.check(header, bytes));
    return bytes;
  }

  private static Function<String, String> firstValues(HttpHeaders headers) {
    return name -> {
      List<String> values = headers.getRequestHeader(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    };
  }

  private static void requireAccepted(RegistryEndpoint endpoint, CredentialCheckResult result) {
    if (!result.isAccepted()) {
      throw new WebhookUnauthorizedException(
          endpoint.name(), result, endpoint.credentialCheck().usesBearerToken());
    }
  }

  /** Rejects a declared {@code Content-Length} over the limit before any byte is read. */
  private void requireDeclaredLengthWithinLimit(RegistryEndpoint endpoint, String contentLength) {
    if (contentLength == null) {
      return;
    }
    long declared;
    try {
      declared = Long.parseLong(contentLength.trim());
    } catch (NumberFormatException e) {
      // The HTTP server rejects a malformed Content-Length, and the read below still counts.
      return;
    }
    if (declared > maxBodyBytes) {
      throw new WebhookBodyTooLargeException(endpoint.name(), declared + " bytes", maxBodyBytes);
    }
  }

  /**
   * Reads at most one byte over the limit, which also covers a chunked body that declares no
   * length.
   */
  private byte[] readBody(RegistryEndpoint endpoint, InputStream body) throws IOException {
    if (body == null) {
      return new byte[0];
    }
    int readLimit = maxBodyBytes == Integer.MAX_VALUE ? maxBodyBytes : maxBodyBytes + 1;
    byte[] bytes = body.readNBytes(readLimit);
    if (bytes.length > maxBodyBytes) {
      throw new WebhookBodyTooLargeException(
          endpoint.name(), "more than " + maxBodyBytes + " bytes", maxBodyBytes);
    }
    return bytes;
  }

  private static void logAccepted(
      RegistryEndpoint endpoint,
      RegistryNotification notification,
      List<OutgoingCloudEvent> published) {
    for (int i = 0; i < published.size(); i++) {
      ImagePushed push = notification.pushes().get(i);
      log.atInfo()
          .addKeyValue(LogKeys.REGISTRY, endpoint.name())
          .addKeyValue(LogKeys.DIGEST, push.digest())
          .addKeyValue(LogKeys.REGISTRY_EVENT_ID, push.registryEventId())
          .addKeyValue(LogKeys.CE_ID, published.get(i).attributes().id())
          .log("Image push published");
    }
    for (AttachedArtifact artifact : notification.attachedArtifacts()) {
      log.atDebug()
          .addKeyValue(LogKeys.REGISTRY, endpoint.name())
          .addKeyValue(LogKeys.DIGEST, artifact.reference().digest())
          .addKeyValue(LogKeys.REGISTRY_EVENT_ID, artifact.registryEventId())
          .log("Attached artifact received, not published");
    }
    log.atDebug()
        .addKeyValue(LogKeys.REGISTRY, endpoint.name())
        .addKeyValue(LogKeys.PUBLISHED, published.size())
        .addKeyValue(LogKeys.ATTACHED_ARTIFACTS, notification.attachedArtifacts().size())
        .addKeyValue(LogKeys.IGNORED, notification.ignored().size())
        .log("Registry webhook accepted");
  }
}
