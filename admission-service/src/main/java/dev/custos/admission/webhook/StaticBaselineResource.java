package dev.custos.admission.webhook;

import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;

/**
 * The baseline of the HTTPS throughput benchmark: an endpoint on the same server, event loop and
 * TLS as {@code POST /validate} that reads the body and returns a fixed AdmissionReview response.
 * It exists only in an application built with the {@code bench} profile, never in the packaged
 * service.
 */
@Path("/bench/static")
@IfBuildProfile("bench")
public class StaticBaselineResource {
  private static final byte[] RESPONSE =
      ("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"response\":"
              + "{\"uid\":\"00000000-0000-0000-0000-000000000000\",\"allowed\":true}}")
          .getBytes(StandardCharsets.UTF_8);

  @POST
  @NonBlocking
  @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
  public Response respond(byte[] body) {
    return Response.ok(RESPONSE, MediaType.APPLICATION_JSON).build();
  }
}
