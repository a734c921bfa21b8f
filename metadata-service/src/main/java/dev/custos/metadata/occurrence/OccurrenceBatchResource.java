package dev.custos.metadata.occurrence;

import dev.custos.metadata.auth.Permission;
import dev.custos.metadata.auth.RequiresPermission;
import dev.custos.metadata.auth.RestAccessFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/**
 * {@code POST /v1/projects/{project}/occurrences:batchCreate}. It is a resource of its own because
 * the custom method's path is not below {@code .../occurrences/}.
 */
@Path("/v1/projects/{project}/occurrences:batchCreate")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Occurrences")
public class OccurrenceBatchResource {
  private final OccurrenceService occurrences;

  OccurrenceBatchResource(OccurrenceService occurrences) {
    this.occurrences = occurrences;
  }

  @POST
  @RequiresPermission(Permission.OCCURRENCES_CREATE)
  @Operation(
      summary = "Create occurrences in one transaction",
      description =
          "Creates 1 to 1000 occurrences from {\"occurrences\":[...]}, or none of them if any is"
              + " invalid. Needs occurrences.create, and notes.attachOccurrence on the project of"
              + " every item's note.")
  public Uni<String> batchCreate(
      @Context SecurityContext security, @RestPath String project, String body) {
    return occurrences.batchCreate(RestAccessFilter.caller(security), project, body);
  }
}
