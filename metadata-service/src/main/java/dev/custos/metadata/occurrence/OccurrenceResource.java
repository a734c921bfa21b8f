package dev.custos.metadata.occurrence;

import dev.custos.metadata.api.PageRequests;
import dev.custos.metadata.grafeas.ProjectName;
import dev.custos.metadata.grafeas.ProtoJson;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** Grafeas occurrences over REST, under {@code /v1/projects/{project}/occurrences}. */
@Path("/v1/projects/{project}/occurrences")
@Produces(MediaType.APPLICATION_JSON)
public class OccurrenceResource {
  private final OccurrenceService occurrences;

  OccurrenceResource(OccurrenceService occurrences) {
    this.occurrences = occurrences;
  }

  @POST
  public Uni<String> create(@RestPath String project, String body) {
    return occurrences.create(project, body);
  }

  @GET
  public Uni<String> list(
      @RestPath String project,
      @RestQuery String pageSize,
      @RestQuery String pageToken,
      @RestQuery String filter) {
    return occurrences
        .list(ProjectName.of(project), filter, PageRequests.parsePageSize(pageSize), pageToken)
        .map(ProtoJson::print);
  }

  @GET
  @Path("{occurrence}")
  public Uni<String> get(@RestPath String project, @RestPath String occurrence) {
    return occurrences.get(project, occurrence);
  }

  /** Returns the occurrence's note: {@code GET .../occurrences/{occurrence}/notes}. */
  @GET
  @Path("{occurrence}/notes")
  public Uni<String> getNote(@RestPath String project, @RestPath String occurrence) {
    return occurrences.getNote(project, occurrence).map(ProtoJson::print);
  }

  @PATCH
  @Path("{occurrence}")
  public Uni<String> update(
      @RestPath String project,
      @RestPath String occurrence,
      @RestQuery String updateMask,
      String body) {
    return occurrences.update(project, occurrence, updateMask, body);
  }

  @DELETE
  @Path("{occurrence}")
  public Uni<String> delete(@RestPath String project, @RestPath String occurrence) {
    return occurrences.delete(project, occurrence);
  }
}
