package dev.custos.metadata.occurrence;

import dev.custos.metadata.filter.SqlFilter;
import dev.custos.metadata.grafeas.NoteName;
import dev.custos.metadata.grafeas.OccurrenceName;
import dev.custos.metadata.grafeas.ProjectName;
import dev.custos.metadata.grafeas.ProtoJson;
import dev.custos.metadata.grafeas.ServerTime;
import dev.custos.metadata.storage.ListQueries;
import dev.custos.metadata.storage.ListRow;
import dev.custos.metadata.storage.PagePosition;
import dev.custos.metadata.storage.SqlBatches;
import io.grafeas.v1.Occurrence;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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

  /** Inserts the occurrences with multi-row INSERTs. Each occurrence carries its name. */
  public Uni<Void> insertAll(Mutiny.Session session, List<Occurrence> occurrences) {
    return SqlBatches.inChunks(occurrences, chunk -> insertChunk(session, chunk));
  }

  private Uni<Void> insertChunk(Mutiny.Session session, List<Occurrence> chunk) {
    var query =
        session.createNativeQuery(
            "INSERT INTO occurrences (name, project, note_name, note_project, resource_uri, kind,"
                + " body, create_time, update_time) VALUES "
                + SqlBatches.values(
                    chunk.size(),
                    "(:name{i}, :project{i}, :noteName{i}, :noteProject{i}, :resourceUri{i},"
                        + " :kind{i}, CAST(CAST(:body{i} AS text) AS jsonb), :createTime{i},"
                        + " :updateTime{i})"));
    for (int i = 0; i < chunk.size(); i++) {
      Occurrence occurrence = chunk.get(i);
      OccurrenceName name = OccurrenceName.parse(occurrence.getName(), "name");
      NoteName note = NoteName.parse(occurrence.getNoteName(), "noteName");
      query
          .setParameter("name" + i, occurrence.getName())
          .setParameter("project" + i, name.project().toString())
          .setParameter("noteName" + i, note.toString())
          .setParameter("noteProject" + i, note.project().toString())
          .setParameter("resourceUri" + i, occurrence.getResourceUri())
          .setParameter("kind" + i, occurrence.getKind().name())
          .setParameter("body" + i, ProtoJson.print(occurrence))
          .setParameter("createTime" + i, ServerTime.toOffsetDateTime(occurrence.getCreateTime()))
          .setParameter("updateTime" + i, ServerTime.toOffsetDateTime(occurrence.getUpdateTime()));
    }

    return query.executeUpdate().replaceWithVoid();
  }

  /** Returns the occurrence's JSON and locks its row until the transaction ends, or null. */
  public Uni<String> findBodyForUpdate(Mutiny.Session session, OccurrenceName name) {
    return session
        .createNativeQuery(
            "SELECT CAST(body AS text) FROM occurrences WHERE name = :name FOR UPDATE",
            String.class)
        .setParameter("name", name.toString())
        .getSingleResultOrNull();
  }

  /**
   * Replaces the body and update time of an existing occurrence. The name, note, resource URI and
   * kind columns stay, because an update cannot change them.
   */
  public Uni<Void> update(Mutiny.Session session, Occurrence occurrence) {
    return session
        .createNativeQuery(
            "UPDATE occurrences SET body = CAST(CAST(:body AS text) AS jsonb),"
                + " update_time = :updateTime WHERE name = :name")
        .setParameter("name", occurrence.getName())
        .setParameter("body", ProtoJson.print(occurrence))
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

  /**
   * Returns up to {@code limit} of the project's occurrences that match {@code filter}, after
   * {@code after} (from the start when null), oldest first.
   */
  public Uni<List<ListRow>> list(
      Mutiny.Session session,
      ProjectName project,
      SqlFilter filter,
      PagePosition after,
      int limit) {
    return ListQueries.fetch(
        session,
        "occurrences",
        "CAST(body AS text)",
        "project = :project",
        Map.of("project", project.toString()),
        filter,
        after,
        limit);
  }

  /**
   * Returns up to {@code limit} occurrences, in any project, that reference {@code note} and match
   * {@code filter}, after {@code after} (from the start when null), oldest first.
   */
  public Uni<List<ListRow>> listForNote(
      Mutiny.Session session, NoteName note, SqlFilter filter, PagePosition after, int limit) {
    return ListQueries.fetch(
        session,
        "occurrences",
        "CAST(body AS text)",
        "note_name = :note",
        Map.of("note", note.toString()),
        filter,
        after,
        limit);
  }

  /**
   * Counts the project's vulnerability occurrences that match {@code filter} by resource URI and
   * severity, in that order.
   */
  public Uni<List<VulnerabilityCount>> countVulnerabilities(
      Mutiny.Session session, ProjectName project, SqlFilter filter) {
    var query =
        session.createNativeQuery(
            "SELECT resource_uri, coalesce(body #>> '{vulnerability,effectiveSeverity}',"
                + " body #>> '{vulnerability,severity}', 'SEVERITY_UNSPECIFIED') AS severity,"
                + " count(*) FILTER (WHERE coalesce(CAST(body #>> '{vulnerability,fixAvailable}'"
                + " AS boolean), false) OR jsonb_path_exists(body,"
                + " '$.vulnerability.packageIssue[*].fixAvailable ? (@ == true)')),"
                + " count(*) FROM occurrences"
                + " WHERE project = :project AND kind = 'VULNERABILITY' AND ("
                + filter.condition()
                + ") GROUP BY 1, 2 ORDER BY 1, 2",
            Object[].class);
    query.setParameter("project", project.toString());
    filter.parameters().forEach(query::setParameter);

    return query
        .getResultList()
        .map(
            rows ->
                rows.stream()
                    .map(
                        row ->
                            new VulnerabilityCount(
                                (String) row[0],
                                (String) row[1],
                                ((Number) row[2]).longValue(),
                                ((Number) row[3]).longValue()))
                    .collect(Collectors.toList()));
  }

  /** Deletes the occurrence and returns the number of rows deleted, 0 or 1. */
  public Uni<Integer> delete(Mutiny.Session session, OccurrenceName name) {
    return session
        .createNativeQuery("DELETE FROM occurrences WHERE name = :name")
        .setParameter("name", name.toString())
        .executeUpdate();
  }
}
