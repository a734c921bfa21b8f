package dev.custos.metadata.occurrence;

import dev.custos.metadata.auth.Permission;
import dev.custos.metadata.auth.RequiresPermission;
import dev.custos.metadata.auth.RestAccessFilter;
import dev.custos.metadata.grafeas.ProtoJson;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** {@code GET /v1/projects/{project}/occurrences/{occurrence}/notes}, the occurrence's note. */
@Path("/v1/projects/{project}/occurrences/{occurrence}/notes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Occurrences")
public class OccurrenceNoteResource {
  private final OccurrenceService occurrences;

  OccurrenceNoteResource(OccurrenceService occurrences) {
    this.occurrences = occurrences;
  }

  @GET
  @RequiresPermission(Permission.OCCURRENCES_GET)
  @Operation(
      summary = "Get the note of an occurrence",
      description =
          "Returns the note that the occurrence references. Needs occurrences.get, and notes.get on"
              + " the note's project.")
  public Uni<String> get(
      @Context SecurityContext security, @RestPath String project, @RestPath String occurrence) {
    return occurrences
        .getNote(RestAccessFilter.caller(security), project, occurrence)
        .map(ProtoJson::print);
  }
}
