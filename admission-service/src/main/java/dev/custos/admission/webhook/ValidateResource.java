package dev.custos.admission.webhook;

import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The validating admission webhook endpoint. It runs on the event loop, because the decision reads
 * only memory: the body arrives whole, and nothing in the handler blocks.
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
  public Response validate(byte[] body) {
    WebhookResponse response = webhook.handle(body == null ? new byte[0] : body);
    return Response.status(response.status())
        .type(response.contentType())
        .entity(response.body())
        .build();
  }
}
