package dev.custos.metadata.note;

import dev.custos.metadata.filter.SqlFilter;
import dev.custos.metadata.grafeas.NoteName;
import dev.custos.metadata.grafeas.ProjectName;
import dev.custos.metadata.grafeas.ProtoJson;
import dev.custos.metadata.grafeas.ServerTime;
import dev.custos.metadata.storage.ListQueries;
import dev.custos.metadata.storage.ListRow;
import dev.custos.metadata.storage.PagePosition;
import dev.custos.metadata.storage.SqlBatches;
import io.grafeas.v1.Note;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Reads and writes {@code notes} with native SQL inside the caller's session and transaction. The
 * body is bound as text and cast to JSONB in SQL, and read back as text.
 */
@ApplicationScoped
public class NoteRepository {

  public Uni<Void> insert(Mutiny.Session session, NoteName name, Note note, String body) {
    return session
        .createNativeQuery(
            "INSERT INTO notes (name, project, kind, body, create_time, update_time)"
                + " VALUES (:name, :project, :kind, CAST(CAST(:body AS text) AS jsonb),"
                + " :createTime, :updateTime)")
        .setParameter("name", name.toString())
        .setParameter("project", name.project().toString())
        .setParameter("kind", note.getKind().name())
        .setParameter("body", body)
        .setParameter("createTime", ServerTime.toOffsetDateTime(note.getCreateTime()))
        .setParameter("updateTime", ServerTime.toOffsetDateTime(note.getUpdateTime()))
        .executeUpdate()
        .replaceWithVoid();
  }

  /** Inserts the notes with multi-row INSERTs. Each note carries its name. */
  public Uni<Void> insertAll(Mutiny.Session session, List<Note> notes) {
    return SqlBatches.inChunks(notes, chunk -> insertChunk(session, chunk));
  }

  private Uni<Void> insertChunk(Mutiny.Session session, List<Note> chunk) {
    var query =
        session.createNativeQuery(
            "INSERT INTO notes (name, project, kind, body, create_time, update_time) VALUES "
                + SqlBatches.values(
                    chunk.size(),
                    "(:name{i}, :project{i}, :kind{i}, CAST(CAST(:body{i} AS text) AS jsonb),"
                        + " :createTime{i}, :updateTime{i})"));
    for (int i = 0; i < chunk.size(); i++) {
      Note note = chunk.get(i);
      NoteName name = NoteName.parse(note.getName(), "name");
      query
          .setParameter("name" + i, note.getName())
          .setParameter("project" + i, name.project().toString())
          .setParameter("kind" + i, note.getKind().name())
          .setParameter("body" + i, ProtoJson.print(note))
          .setParameter("createTime" + i, ServerTime.toOffsetDateTime(note.getCreateTime()))
          .setParameter("updateTime" + i, ServerTime.toOffsetDateTime(note.getUpdateTime()));
    }

    return query.executeUpdate().replaceWithVoid();
  }

  /** Returns the name and kind of each of {@code names} that exists, as {@code [name, kind]}. */
  public Uni<List<Object[]>> findKinds(Mutiny.Session session, List<String> names) {
    var query =
        session.createNativeQuery(
            "SELECT name, kind FROM notes WHERE name IN ("
                + SqlBatches.parameterList("name", names.size())
                + ")",
            Object[].class);
    for (int i = 0; i < names.size(); i++) {
      query.setParameter("name" + i, names.get(i));
    }

    return query.getResultList();
  }

  /** Returns the note's JSON and locks its row until the transaction ends, or null. */
  public Uni<String> findBodyForUpdate(Mutiny.Session session, NoteName name) {
    return session
        .createNativeQuery(
            "SELECT CAST(body AS text) FROM notes WHERE name = :name FOR UPDATE", String.class)
        .setParameter("name", name.toString())
        .getSingleResultOrNull();
  }

  /** Replaces the body and update time of an existing note. */
  public Uni<Void> update(Mutiny.Session session, Note note) {
    return session
        .createNativeQuery(
            "UPDATE notes SET body = CAST(CAST(:body AS text) AS jsonb), update_time = :updateTime"
                + " WHERE name = :name")
        .setParameter("name", note.getName())
        .setParameter("body", ProtoJson.print(note))
        .setParameter("updateTime", ServerTime.toOffsetDateTime(note.getUpdateTime()))
        .executeUpdate()
        .replaceWithVoid();
  }

  /** Returns the note's JSON, or null when it does not exist. */
  public Uni<String> findBody(Mutiny.Session session, NoteName name) {
    return session
        .createNativeQuery("SELECT CAST(body AS text) FROM notes WHERE name = :name", String.class)
        .setParameter("name", name.toString())
        .getSingleResultOrNull();
  }

  /** Returns the note's kind name, or null when it does not exist. */
  public Uni<String> findKind(Mutiny.Session session, NoteName name) {
    return session
        .createNativeQuery("SELECT kind FROM notes WHERE name = :name", String.class)
        .setParameter("name", name.toString())
        .getSingleResultOrNull();
  }

  /**
   * Returns up to {@code limit} of the project's notes that match {@code filter}, after {@code
   * after} (from the start when null), oldest first.
   */
  public Uni<List<ListRow>> list(
      Mutiny.Session session,
      ProjectName project,
      SqlFilter filter,
      PagePosition after,
      int limit) {
    return ListQueries.fetch(
        session,
        "notes",
        "CAST(body AS text)",
        "project = :project",
        Map.of("project", project.toString()),
        filter,
        after,
        limit);
  }

  /** Deletes the note and returns the number of rows deleted, 0 or 1. */
  public Uni<Integer> delete(Mutiny.Session session, NoteName name) {
    return session
        .createNativeQuery("DELETE FROM notes WHERE name = :name")
        .setParameter("name", name.toString())
        .executeUpdate();
  }

  /** Returns how many occurrences, in any project, reference the note. */
  public Uni<Long> countOccurrences(Mutiny.Session session, NoteName name) {
    return session
        .createNativeQuery("SELECT count(*) FROM occurrences WHERE note_name = :name", Long.class)
        .setParameter("name", name.toString())
        .getSingleResult();
  }
}
