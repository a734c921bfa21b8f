package dev.custos.metadata.project;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.metadata.api.AlreadyExistsException;
import dev.custos.metadata.api.FailedPreconditionException;
import dev.custos.metadata.api.InvalidArgumentException;
import dev.custos.metadata.api.PageRequests;
import dev.custos.metadata.api.ResourceNotFoundException;
import dev.custos.metadata.filter.FilterSchema;
import dev.custos.metadata.filter.SqlFilter;
import dev.custos.metadata.grafeas.ProjectName;
import dev.custos.metadata.grafeas.ProtoJson;
import dev.custos.metadata.grafeas.ServerTime;
import dev.custos.metadata.storage.ListRow;
import dev.custos.metadata.storage.PagePosition;
import dev.custos.metadata.storage.PageTokens;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Projects, which contain notes and occurrences. The Grafeas artifact has no projects service, so
 * the JSON here is the Grafeas project resource written by hand: {@code {"name":"projects/p"}}.
 */
@ApplicationScoped
public class ProjectService {
  /** The collection that project page tokens are bound to. */
  private static final String COLLECTION = "projects";

  private final Mutiny.SessionFactory sessions;
  private final ProjectRepository projects;
  private final PageRequests pages;
  private final PageTokens pageTokens;

  ProjectService(
      Mutiny.SessionFactory sessions,
      ProjectRepository projects,
      PageRequests pages,
      PageTokens pageTokens) {
    this.sessions = sessions;
    this.projects = projects;
    this.pages = pages;
    this.pageTokens = pageTokens;
  }

  /** Creates the project that the body {@code {"name":"projects/<id>"}} names. */
  public Uni<String> create(String body) {
    ProjectName name = parseCreateRequest(body);
    ProjectEntity project =
        new ProjectEntity(name.toString(), ServerTime.toOffsetDateTime(ServerTime.now()));

    return sessions
        .withTransaction(session -> insertNew(session, name, project))
        .map(ignored -> render(project));
  }

  public Uni<String> get(String projectId) {
    ProjectName name = ProjectName.of(projectId);

    return sessions
        .withSession(session -> projects.find(session, name))
        .map(project -> requireFound(project, name))
        .map(ProjectService::render);
  }

  /**
   * Lists the projects that match {@code filter}, oldest first, as {@code {"projects":[...]}}.
   *
   * @param filter an AIP-160 filter on the fields of {@link FilterSchema#PROJECTS}, or null
   * @param pageSize the requested page size, 0 for the default
   * @param pageToken the {@code nextPageToken} of the previous page, issued for the same filter, or
   *     null or empty for the first page
   */
  public Uni<String> list(String filter, int pageSize, String pageToken) {
    SqlFilter sqlFilter = FilterSchema.PROJECTS.compile(filter);
    int size = pages.effectivePageSize(pageSize);
    PagePosition after = pageTokens.read(pageToken, COLLECTION, sqlFilter);

    return sessions
        .withSession(session -> projects.list(session, sqlFilter, after, size + 1))
        .map(rows -> renderList(pageTokens.page(rows, size, COLLECTION, sqlFilter)));
  }

  /**
   * Deletes an empty project.
   *
   * @throws FailedPreconditionException (in the returned Uni) if the project still contains notes
   *     or occurrences
   */
  public Uni<String> delete(String projectId) {
    ProjectName name = ProjectName.of(projectId);

    return sessions.withTransaction(session -> deleteEmpty(session, name)).map(ignored -> "{}");
  }

  private Uni<Void> insertNew(Mutiny.Session session, ProjectName name, ProjectEntity project) {
    return projects
        .exists(session, name)
        .invoke(exists -> requireAbsent(exists, name))
        .chain(() -> projects.insert(session, project));
  }

  private Uni<Void> deleteEmpty(Mutiny.Session session, ProjectName name) {
    return projects
        .find(session, name)
        .map(project -> requireFound(project, name))
        .call(project -> requireEmpty(session, name))
        .chain(project -> projects.delete(session, project));
  }

  private Uni<Long> requireEmpty(Mutiny.Session session, ProjectName name) {
    return projects
        .countContents(session, name)
        .invoke(
            count -> {
              if (count > 0) {
                throw new FailedPreconditionException(
                    "Project "
                        + name
                        + " still contains "
                        + count
                        + " notes and occurrences. Delete them first");
              }
            });
  }

  private static ProjectName parseCreateRequest(String body) {
    ObjectNode request = ProtoJson.readObject(body, "project");
    List<String> unknown = new ArrayList<>();
    request.fieldNames().forEachRemaining(unknown::add);
    unknown.remove("name");
    if (!unknown.isEmpty()) {
      throw new InvalidArgumentException(
          "Unknown fields in project: " + unknown + "; a project has only name");
    }
    if (request.has("name") && !request.get("name").isTextual()) {
      throw new InvalidArgumentException("Project name must be a string, as in projects/{project}");
    }

    return ProjectName.parse(request.path("name").asText(null), "project name");
  }

  private static void requireAbsent(boolean exists, ProjectName name) {
    if (exists) {
      throw new AlreadyExistsException("Project " + name + " already exists");
    }
  }

  private static ProjectEntity requireFound(ProjectEntity project, ProjectName name) {
    if (project == null) {
      throw new ResourceNotFoundException("Project " + name + " not found");
    }

    return project;
  }

  private static ObjectNode toJson(ProjectEntity project) {
    return JsonNodeFactory.instance.objectNode().put("name", project.name());
  }

  private static String render(ProjectEntity project) {
    return toJson(project).toString();
  }

  /**
   * Renders {@code {"projects":[...],"nextPageToken":"..."}}, without the token on the last page.
   */
  private static String renderList(PageTokens.Page page) {
    ObjectNode response = JsonNodeFactory.instance.objectNode();
    ArrayNode entries = response.putArray("projects");
    for (ListRow row : page.rows()) {
      entries.add(JsonNodeFactory.instance.objectNode().put("name", row.body()));
    }
    if (!page.nextPageToken().isEmpty()) {
      response.put("nextPageToken", page.nextPageToken());
    }

    return response.toString();
  }
}
