package dev.custos.metadata.project;

import dev.custos.metadata.api.ResourceNotFoundException;
import dev.custos.metadata.filter.SqlFilter;
import dev.custos.metadata.grafeas.ProjectName;
import dev.custos.metadata.storage.ListQueries;
import dev.custos.metadata.storage.ListRow;
import dev.custos.metadata.storage.PagePosition;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.hibernate.reactive.mutiny.Mutiny;

/** Reads and writes {@code projects}, inside the caller's session and transaction. */
@ApplicationScoped
public class ProjectRepository {

  public Uni<ProjectEntity> find(Mutiny.Session session, ProjectName name) {
    return session.find(ProjectEntity.class, name.toString());
  }

  public Uni<Boolean> exists(Mutiny.Session session, ProjectName name) {
    return find(session, name).map(project -> project != null);
  }

  /** Fails with NOT_FOUND when the project does not exist. */
  public Uni<Void> requireExists(Mutiny.Session session, ProjectName name) {
    return exists(session, name).invoke(exists -> requireFound(exists, name)).replaceWithVoid();
  }

  public Uni<Void> insert(Mutiny.Session session, ProjectEntity project) {
    return session.persist(project).call(session::flush);
  }

  /**
   * Returns up to {@code limit} projects that match {@code filter}, after {@code after} (from the
   * start when null), oldest first. Each row's body is the project name.
   */
  public Uni<List<ListRow>> list(
      Mutiny.Session session, SqlFilter filter, PagePosition after, int limit) {
    return ListQueries.fetch(session, "projects", "name", "TRUE", Map.of(), filter, after, limit);
  }

  public Uni<Void> delete(Mutiny.Session session, ProjectEntity project) {
    return session.remove(project).call(session::flush);
  }

  private static void requireFound(boolean exists, ProjectName name) {
    if (!exists) {
      throw new ResourceNotFoundException("Project " + name + " not found");
    }
  }

  /** Returns how many notes and occurrences the project contains. */
  public Uni<Long> countContents(Mutiny.Session session, ProjectName name) {
    return session
        .createNativeQuery(
            "SELECT (SELECT count(*) FROM notes WHERE project = :project)"
                + " + (SELECT count(*) FROM occurrences WHERE project = :project)",
            Long.class)
        .setParameter("project", name.toString())
        .getSingleResult();
  }
}
