package dev.custos.metadata.occurrence;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestPath;

/**
 * {@code POST /v1/projects/{project}/occurrences:batchCreate}. It is a resource of its own because
 * the custom method's path is not below {@code .../occurrences/}.
 */
@Path("/v1/projects/{project}/occurrences:batchCreate")
@Produces(MediaType.APPLICATION_JSON)
public class OccurrenceBatchResource {
  private final OccurrenceService occurrences;

  OccurrenceBatchResource(OccurrenceService occurrences) {
    this.occurrences = occurrences;
  }

  @POST
  public Uni<String> batchCreate(@RestPath String project, String body) {
    return occurrences.batchCreate(project, body);
  }
}
