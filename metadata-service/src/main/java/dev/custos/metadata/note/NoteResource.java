package dev.custos.metadata.note;

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

/** Grafeas notes over REST, under {@code /v1/projects/{project}/notes}. */
@Path("/v1/projects/{project}/notes")
@Produces(MediaType.APPLICATION_JSON)
public class NoteResource {
  private final NoteService notes;

  NoteResource(NoteService notes) {
    this.notes = notes;
  }

  @POST
  public Uni<String> create(@RestPath String project, @RestQuery String noteId, String body) {
    return notes.create(project, noteId, body);
  }

  @GET
  public Uni<String> list(
      @RestPath String project,
      @RestQuery String pageSize,
      @RestQuery String pageToken,
      @RestQuery String filter) {
    return notes
        .list(ProjectName.of(project), filter, PageRequests.parsePageSize(pageSize), pageToken)
        .map(ProtoJson::print);
  }

  @GET
  @Path("{note}")
  public Uni<String> get(@RestPath String project, @RestPath String note) {
    return notes.get(project, note);
  }

  @PATCH
  @Path("{note}")
  public Uni<String> update(
      @RestPath String project, @RestPath String note, @RestQuery String updateMask, String body) {
    return notes.update(project, note, updateMask, body);
  }

  @DELETE
  @Path("{note}")
  public Uni<String> delete(@RestPath String project, @RestPath String note) {
    return notes.delete(project, note);
  }
}
