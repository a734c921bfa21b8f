package dev.custos.admission.webhook;

import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionStage;

/**
 * The validating admission webhook endpoint. It runs on the event loop: the body arrives whole, the
 * decision reads memory, and a metadata-service query on a cache miss is asynchronous, so nothing
 * in the handler blocks.
 */
@Path("/validate")
public class ValidateResource {
  private final AdmissionWebhook webhook;

  ValidateResource(AdmissionWebhook webhook) {
    this.webhook = webhook;
  }

  @POST
  @NonBlocking
  @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
  public CompletionStage<Response> validate(byte[] body) {
    return webhook
        .handle(body == null ? new byte[0] : body)
        .map(
            response ->
                Response.status(response.status())
                    .type(response.contentType())
                    .entity(response.body())
                    .build())
        .toCompletionStage();
  }
}
