package dev.custos.metadata.project;

import dev.custos.metadata.api.PageRequests;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** Grafeas projects over REST: {@code /v1/projects} and {@code /v1/projects/{project}}. */
@Path("/v1/projects")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectResource {
  private final ProjectService projects;

  ProjectResource(ProjectService projects) {
    this.projects = projects;
  }

  @POST
  public Uni<String> create(String body) {
    return projects.create(body);
  }

  @GET
  public Uni<String> list(
      @RestQuery String pageSize, @RestQuery String pageToken, @RestQuery String filter) {
    return projects.list(filter, PageRequests.parsePageSize(pageSize), pageToken);
  }

  @GET
  @Path("{project}")
  public Uni<String> get(@RestPath String project) {
    return projects.get(project);
  }

  @DELETE
  @Path("{project}")
  public Uni<String> delete(@RestPath String project) {
    return projects.delete(project);
  }
}
