package dev.custos.metadata.note;

import dev.custos.metadata.api.PageRequests;
import dev.custos.metadata.grafeas.NoteName;
import dev.custos.metadata.grafeas.ProjectName;
import dev.custos.metadata.grafeas.ProtoJson;
import dev.custos.metadata.occurrence.OccurrenceService;
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
  private final OccurrenceService occurrences;

  NoteResource(NoteService notes, OccurrenceService occurrences) {
    this.notes = notes;
    this.occurrences = occurrences;
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

  /**
   * Lists the occurrences, in any project, that reference the note: {@code GET
   * .../notes/{note}/occurrences}.
   */
  @GET
  @Path("{note}/occurrences")
  public Uni<String> listOccurrences(
      @RestPath String project,
      @RestPath String note,
      @RestQuery String pageSize,
      @RestQuery String pageToken,
      @RestQuery String filter) {
    return occurrences
        .listForNote(
            NoteName.of(project, note), filter, PageRequests.parsePageSize(pageSize), pageToken)
        .map(ProtoJson::print);
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
