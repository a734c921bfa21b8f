package dev.custos.metadata.note;

import dev.custos.metadata.auth.Permission;
import dev.custos.metadata.auth.RequiresPermission;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/**
 * {@code POST /v1/projects/{project}/notes:batchCreate}. It is a resource of its own because the
 * custom method's path is not below {@code .../notes/}.
 */
@Path("/v1/projects/{project}/notes:batchCreate")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Notes")
public class NoteBatchResource {
  private final NoteService notes;

  NoteBatchResource(NoteService notes) {
    this.notes = notes;
  }

  @POST
  @RequiresPermission(Permission.NOTES_CREATE)
  @Operation(
      summary = "Create notes in one transaction",
      description =
          "Creates 1 to 1000 notes from {\"notes\":{\"<id>\":{...}}}, or none of them if any is"
              + " invalid. Needs notes.create.")
  public Uni<String> batchCreate(@RestPath String project, String body) {
    return notes.batchCreate(project, body);
  }
}
