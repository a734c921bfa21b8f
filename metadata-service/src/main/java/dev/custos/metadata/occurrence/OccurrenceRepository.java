package dev.custos.metadata.occurrence;

import dev.custos.metadata.grafeas.NoteName;
import dev.custos.metadata.grafeas.OccurrenceName;
import dev.custos.metadata.grafeas.ProjectName;
import dev.custos.metadata.grafeas.ServerTime;
import io.grafeas.v1.Occurrence;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Reads and writes {@code occurrences} with native SQL inside the caller's session and transaction.
 * The body is bound as text and cast to JSONB in SQL, and read back as text.
 */
@ApplicationScoped
public class OccurrenceRepository {

  public Uni<Void> insert(
      Mutiny.Session session,
      OccurrenceName name,
      NoteName note,
      Occurrence occurrence,
      String body) {
    return session
        .createNativeQuery(
            "INSERT INTO occurrences (name, project, note_name, note_project, resource_uri, kind,"
                + " body, create_time, update_time)"
                + " VALUES (:name, :project, :noteName, :noteProject, :resourceUri, :kind,"
                + " CAST(CAST(:body AS text) AS jsonb), :createTime, :updateTime)")
        .setParameter("name", name.toString())
        .setParameter("project", name.project().toString())
        .setParameter("noteName", note.toString())
        .setParameter("noteProject", note.project().toString())
        .setParameter("resourceUri", occurrence.getResourceUri())
        .setParameter("kind", occurrence.getKind().name())
        .setParameter("body", body)
        .setParameter("createTime", ServerTime.toOffsetDateTime(occurrence.getCreateTime()))
        .setParameter("updateTime", ServerTime.toOffsetDateTime(occurrence.getUpdateTime()))
        .executeUpdate()
        .replaceWithVoid();
  }

  /** Returns the occurrence's JSON, or null when it does not exist. */
  public Uni<String> findBody(Mutiny.Session session, OccurrenceName name) {
    return session
        .createNativeQuery(
            "SELECT CAST(body AS text) FROM occurrences WHERE name = :name", String.class)
        .setParameter("name", name.toString())
        .getSingleResultOrNull();
  }

  /** Returns the JSON of up to {@code limit} of the project's occurrences, oldest first. */
  public Uni<List<String>> listBodies(Mutiny.Session session, ProjectName project, int limit) {
    return session
        .createNativeQuery(
            "SELECT CAST(body AS text) FROM occurrences WHERE project = :project"
                + " ORDER BY create_time, name LIMIT :limit",
            String.class)
        .setParameter("project", project.toString())
        .setParameter("limit", (long) limit)
        .getResultList();
  }

  /** Deletes the occurrence and returns the number of rows deleted, 0 or 1. */
  public Uni<Integer> delete(Mutiny.Session session, OccurrenceName name) {
    return session
        .createNativeQuery("DELETE FROM occurrences WHERE name = :name")
        .setParameter("name", name.toString())
        .executeUpdate();
  }
}
