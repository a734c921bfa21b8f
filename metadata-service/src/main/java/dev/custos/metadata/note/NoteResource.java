package dev.custos.metadata.note;

import dev.custos.metadata.api.PageRequests;
import dev.custos.metadata.auth.Permission;
import dev.custos.metadata.auth.RequiresPermission;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** Grafeas notes over REST, under {@code /v1/projects/{project}/notes}. */
@Path("/v1/projects/{project}/notes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Notes", description = "Grafeas notes: what kinds of facts occurrences record")
public class NoteResource {
  private final NoteService notes;

  NoteResource(NoteService notes) {
    this.notes = notes;
  }

  @POST
  @RequiresPermission(Permission.NOTES_CREATE)
  @Operation(
      summary = "Create a note",
      description =
          "Creates note projects/{project}/notes/{noteId} from a v1 or 2017-shaped Note. Needs"
              + " notes.create; 409 ALREADY_EXISTS if it exists.")
  public Uni<String> create(@RestPath String project, @RestQuery String noteId, String body) {
    return notes.create(project, noteId, body);
  }

  @GET
  @RequiresPermission(Permission.NOTES_LIST)
  @Operation(
      summary = "List notes",
      description =
          "Lists the project's notes, oldest first, as ListNotesResponse. Needs notes.list.")
  public Uni<String> list(
      @RestPath String project,
      @RestQuery String pageSize,
      @RestQuery("page_size") String pageSizeSnake,
      @RestQuery String pageToken,
      @RestQuery("page_token") String pageTokenSnake,
      @RestQuery String filter) {
    return notes
        .list(
            ProjectName.of(project),
            filter,
            PageRequests.parsePageSize(pageSize, pageSizeSnake),
            PageRequests.pageToken(pageToken, pageTokenSnake))
        .map(ProtoJson::print);
  }

  @GET
  @Path("{note}")
  @RequiresPermission(Permission.NOTES_GET)
  @Operation(summary = "Get a note", description = "Needs notes.get.")
  public Uni<String> get(@RestPath String project, @RestPath String note) {
    return notes.get(project, note);
  }

  @PATCH
  @Path("{note}")
  @RequiresPermission(Permission.NOTES_UPDATE)
  @Operation(
      summary = "Update a note",
      description =
          "Replaces the fields that updateMask names, or the top-level fields present in the body"
              + " without a mask. Needs notes.update.")
  public Uni<String> update(
      @RestPath String project, @RestPath String note, @RestQuery String updateMask, String body) {
    return notes.update(project, note, updateMask, body);
  }

  @DELETE
  @Path("{note}")
  @RequiresPermission(Permission.NOTES_DELETE)
  @Operation(
      summary = "Delete a note",
      description = "Needs notes.delete; FAILED_PRECONDITION while occurrences reference the note.")
  public Uni<String> delete(@RestPath String project, @RestPath String note) {
    return notes.delete(project, note);
  }
}
