package dev.custos.metadata.occurrence;

import dev.custos.metadata.api.PageRequests;
import dev.custos.metadata.auth.Permission;
import dev.custos.metadata.auth.RequiresPermission;
import dev.custos.metadata.auth.RestAccessFilter;
import dev.custos.metadata.grafeas.ProjectName;
import dev.custos.metadata.grafeas.ProtoJson;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** Grafeas occurrences over REST, under {@code /v1/projects/{project}/occurrences}. */
@Path("/v1/projects/{project}/occurrences")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Occurrences", description = "Grafeas occurrences: facts about resources")
public class OccurrenceResource {
  private final OccurrenceService occurrences;

  OccurrenceResource(OccurrenceService occurrences) {
    this.occurrences = occurrences;
  }

  @POST
  @RequiresPermission(Permission.OCCURRENCES_CREATE)
  @Operation(
      summary = "Create an occurrence",
      description =
          "Creates an occurrence with a generated id from a v1 or 2017-shaped Occurrence. Needs"
              + " occurrences.create, and notes.attachOccurrence on the project of its note.")
  public Uni<String> create(
      @Context SecurityContext security, @RestPath String project, String body) {
    return occurrences.create(RestAccessFilter.caller(security), project, body);
  }

  @GET
  @RequiresPermission(Permission.OCCURRENCES_LIST)
  @Operation(
      summary = "List occurrences",
      description =
          "Lists the project's occurrences, oldest first, as ListOccurrencesResponse. Needs"
              + " occurrences.list.")
  public Uni<String> list(
      @RestPath String project,
      @RestQuery String pageSize,
      @RestQuery("page_size") String pageSizeSnake,
      @RestQuery String pageToken,
      @RestQuery("page_token") String pageTokenSnake,
      @RestQuery String filter) {
    return occurrences
        .list(
            ProjectName.of(project),
            filter,
            PageRequests.parsePageSize(pageSize, pageSizeSnake),
            PageRequests.pageToken(pageToken, pageTokenSnake))
        .map(ProtoJson::print);
  }

  @GET
  @Path("{occurrence}")
  @RequiresPermission(Permission.OCCURRENCES_GET)
  @Operation(summary = "Get an occurrence", description = "Needs occurrences.get.")
  public Uni<String> get(@RestPath String project, @RestPath String occurrence) {
    return occurrences.get(project, occurrence);
  }

  @PATCH
  @Path("{occurrence}")
  @RequiresPermission(Permission.OCCURRENCES_UPDATE)
  @Operation(
      summary = "Update an occurrence",
      description =
          "Replaces the fields that updateMask names. Needs occurrences.update, and"
              + " notes.attachOccurrence on the project of its note.")
  public Uni<String> update(
      @Context SecurityContext security,
      @RestPath String project,
      @RestPath String occurrence,
      @RestQuery String updateMask,
      String body) {
    return occurrences.update(
        RestAccessFilter.caller(security), project, occurrence, updateMask, body);
  }

  @DELETE
  @Path("{occurrence}")
  @RequiresPermission(Permission.OCCURRENCES_DELETE)
  @Operation(summary = "Delete an occurrence", description = "Needs occurrences.delete.")
  public Uni<String> delete(@RestPath String project, @RestPath String occurrence) {
    return occurrences.delete(project, occurrence);
  }
}
