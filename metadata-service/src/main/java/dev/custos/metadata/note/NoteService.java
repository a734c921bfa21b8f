package dev.custos.metadata.note;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Timestamp;
import dev.custos.metadata.api.AlreadyExistsException;
import dev.custos.metadata.api.FailedPreconditionException;
import dev.custos.metadata.api.ResourceNotFoundException;
import dev.custos.metadata.grafeas.Kinds;
import dev.custos.metadata.grafeas.LegacyShapes;
import dev.custos.metadata.grafeas.NoteName;
import dev.custos.metadata.grafeas.ProjectName;
import dev.custos.metadata.grafeas.ProtoJson;
import dev.custos.metadata.grafeas.ServerTime;
import dev.custos.metadata.project.ProjectRepository;
import io.grafeas.v1.ListNotesResponse;
import io.grafeas.v1.Note;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/** Grafeas notes: create, get, list and delete, with JSON rendered from {@link Note}. */
@ApplicationScoped
public class NoteService {
  private final Mutiny.SessionFactory sessions;
  private final ProjectRepository projects;
  private final NoteRepository notes;

  NoteService(Mutiny.SessionFactory sessions, ProjectRepository projects, NoteRepository notes) {
    this.sessions = sessions;
    this.projects = projects;
    this.notes = notes;
  }

  /**
   * Creates note {@code noteId} in project {@code projectId} from a v1 or 2017-shaped body. The
   * server sets {@code name}, {@code kind}, {@code createTime} and {@code updateTime}.
   */
  public Uni<String> create(String projectId, String noteId, String body) {
    NoteName name = NoteName.of(projectId, noteId);
    Note note = parseCreateRequest(name, body);
    String json = ProtoJson.print(note);

    return sessions
        .withTransaction(session -> insertNew(session, name, note, json))
        .map(ignored -> json);
  }

  public Uni<String> get(String projectId, String noteId) {
    NoteName name = NoteName.of(projectId, noteId);

    return sessions
        .withSession(session -> notes.findBody(session, name))
        .map(body -> requireFound(body, name))
        .map(body -> ProtoJson.print(toNote(body)));
  }

  /** Lists up to {@code limit} of the project's notes, oldest first. */
  public Uni<String> list(String projectId, int limit) {
    ProjectName project = ProjectName.of(projectId);

    return sessions
        .withSession(session -> listInProject(session, project, limit))
        .map(NoteService::renderList);
  }

  /**
   * Deletes a note that no occurrence references.
   *
   * @throws FailedPreconditionException (in the returned Uni) if occurrences reference the note
   */
  public Uni<String> delete(String projectId, String noteId) {
    NoteName name = NoteName.of(projectId, noteId);

    return sessions
        .withTransaction(session -> deleteUnreferenced(session, name))
        .map(ignored -> "{}");
  }

  static Note parseCreateRequest(NoteName name, String body) {
    ObjectNode request = ProtoJson.readObject(body, "note");
    LegacyShapes.upgradeNote(request);
    Note.Builder note = ProtoJson.merge(request, Note.newBuilder(), "note");
    Timestamp now = ServerTime.toTimestamp(ServerTime.now());

    return note.setKind(Kinds.of(note))
        .setName(name.toString())
        .setCreateTime(now)
        .setUpdateTime(now)
        .build();
  }

  private Uni<Void> insertNew(Mutiny.Session session, NoteName name, Note note, String json) {
    return projects
        .requireExists(session, name.project())
        .chain(() -> notes.findKind(session, name))
        .invoke(existing -> requireAbsent(existing, name))
        .chain(() -> notes.insert(session, name, note, json));
  }

  private Uni<List<String>> listInProject(Mutiny.Session session, ProjectName project, int limit) {
    return projects
        .requireExists(session, project)
        .chain(() -> notes.listBodies(session, project, limit));
  }

  private Uni<Integer> deleteUnreferenced(Mutiny.Session session, NoteName name) {
    return notes
        .countOccurrences(session, name)
        .invoke(count -> requireUnreferenced(count, name))
        .chain(() -> notes.delete(session, name))
        .invoke(deleted -> requireDeleted(deleted, name));
  }

  private static void requireAbsent(String existingKind, NoteName name) {
    if (existingKind != null) {
      throw new AlreadyExistsException("Note " + name + " already exists");
    }
  }

  private static void requireUnreferenced(long occurrences, NoteName name) {
    if (occurrences > 0) {
      throw new FailedPreconditionException(
          "Note "
              + name
              + " is referenced by "
              + occurrences
              + " occurrences. Delete them before the note");
    }
  }

  private static void requireDeleted(int deletedRows, NoteName name) {
    if (deletedRows == 0) {
      throw new ResourceNotFoundException("Note " + name + " not found");
    }
  }

  private static String requireFound(String body, NoteName name) {
    if (body == null) {
      throw new ResourceNotFoundException("Note " + name + " not found");
    }

    return body;
  }

  private static Note toNote(String storedJson) {
    return ProtoJson.mergeStored(storedJson, Note.newBuilder()).build();
  }

  private static String renderList(List<String> bodies) {
    ListNotesResponse.Builder response = ListNotesResponse.newBuilder();
    for (String body : bodies) {
      response.addNotes(toNote(body));
    }

    return ProtoJson.print(response);
  }
}
