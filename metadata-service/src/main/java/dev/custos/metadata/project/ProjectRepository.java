package dev.custos.metadata.project;

import dev.custos.metadata.api.ResourceNotFoundException;
import dev.custos.metadata.grafeas.ProjectName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
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

  public Uni<List<ProjectEntity>> list(Mutiny.Session session, int limit) {
    return session
        .createSelectionQuery("from ProjectEntity order by createTime, name", ProjectEntity.class)
        .setMaxResults(limit)
        .getResultList();
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
