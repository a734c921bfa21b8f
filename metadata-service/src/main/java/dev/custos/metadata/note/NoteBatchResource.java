package dev.custos.metadata.note;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestPath;

/**
 * {@code POST /v1/projects/{project}/notes:batchCreate}. It is a resource of its own because the
 * custom method's path is not below {@code .../notes/}.
 */
@Path("/v1/projects/{project}/notes:batchCreate")
@Produces(MediaType.APPLICATION_JSON)
public class NoteBatchResource {
  private final NoteService notes;

  NoteBatchResource(NoteService notes) {
    this.notes = notes;
  }

  @POST
  public Uni<String> batchCreate(@RestPath String project, String body) {
    return notes.batchCreate(project, body);
  }
}
