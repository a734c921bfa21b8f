package dev.custos.metadata.note;

import dev.custos.metadata.api.PageRequests;
import dev.custos.metadata.auth.Permission;
import dev.custos.metadata.auth.RequiresPermission;
import dev.custos.metadata.grafeas.NoteName;
import dev.custos.metadata.grafeas.ProtoJson;
import dev.custos.metadata.occurrence.OccurrenceService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** {@code GET /v1/projects/{project}/notes/{note}/occurrences}, the note's occurrences. */
@Path("/v1/projects/{project}/notes/{note}/occurrences")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Notes")
public class NoteOccurrencesResource {
  private final OccurrenceService occurrences;

  NoteOccurrencesResource(OccurrenceService occurrences) {
    this.occurrences = occurrences;
  }

  @GET
  @RequiresPermission(Permission.NOTES_LIST_OCCURRENCES)
  @Operation(
      summary = "List the occurrences of a note",
      description =
          "Lists the occurrences in any project that reference the note and match the filter,"
              + " oldest first, as ListNoteOccurrencesResponse. Needs notes.listOccurrences on the"
              + " note's project.")
  public Uni<String> list(
      @RestPath String project,
      @RestPath String note,
      @RestQuery String pageSize,
      @RestQuery("page_size") String pageSizeSnake,
      @RestQuery String pageToken,
      @RestQuery("page_token") String pageTokenSnake,
      @RestQuery String filter) {
    return occurrences
        .listForNote(
            NoteName.of(project, note),
            filter,
            PageRequests.parsePageSize(pageSize, pageSizeSnake),
            PageRequests.pageToken(pageToken, pageTokenSnake))
        .map(ProtoJson::print);
  }
}
