package dev.custos.metadata.project;

import dev.custos.metadata.api.PageRequests;
import dev.custos.metadata.auth.Permission;
import dev.custos.metadata.auth.RequiresPermission;
import dev.custos.metadata.auth.RestAccessFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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

/** Grafeas projects over REST: {@code /v1/projects} and {@code /v1/projects/{project}}. */
@Path("/v1/projects")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Projects", description = "Projects, which contain notes and occurrences")
public class ProjectResource {
  private final ProjectService projects;

  ProjectResource(ProjectService projects) {
    this.projects = projects;
  }

  @POST
  @RequiresPermission(
      value = Permission.PROJECTS_CREATE,
      on = RequiresPermission.Scope.REQUEST_BODY)
  @Operation(
      summary = "Create a project",
      description =
          "Creates the project that the body names, {\"name\":\"projects/p\"}. Needs"
              + " projects.create on that project; 409 ALREADY_EXISTS if it exists.")
  public Uni<String> create(@Context SecurityContext security, String body) {
    return projects.create(RestAccessFilter.caller(security), body);
  }

  @GET
  @RequiresPermission(value = Permission.PROJECTS_LIST, on = RequiresPermission.Scope.ALL_PROJECTS)
  @Operation(
      summary = "List projects",
      description =
          "Lists every project, oldest first, as {\"projects\":[...]}. Needs projects.list through"
              + " a grant on the pattern *.")
  public Uni<String> list(
      @RestQuery String pageSize,
      @RestQuery("page_size") String pageSizeSnake,
      @RestQuery String pageToken,
      @RestQuery("page_token") String pageTokenSnake,
      @RestQuery String filter) {
    return projects.list(
        filter,
        PageRequests.parsePageSize(pageSize, pageSizeSnake),
        PageRequests.pageToken(pageToken, pageTokenSnake));
  }

  @GET
  @Path("{project}")
  @RequiresPermission(Permission.PROJECTS_GET)
  @Operation(summary = "Get a project", description = "Needs projects.get on the project.")
  public Uni<String> get(@RestPath String project) {
    return projects.get(project);
  }

  @DELETE
  @Path("{project}")
  @RequiresPermission(Permission.PROJECTS_DELETE)
  @Operation(
      summary = "Delete an empty project",
      description =
          "Needs projects.delete on the project; FAILED_PRECONDITION while it contains notes or"
              + " occurrences.")
  public Uni<String> delete(@RestPath String project) {
    return projects.delete(project);
  }
}
