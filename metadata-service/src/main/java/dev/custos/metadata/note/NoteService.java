package dev.custos.metadata.note;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Timestamp;
import dev.custos.metadata.api.AlreadyExistsException;
import dev.custos.metadata.api.FailedPreconditionException;
import dev.custos.metadata.api.PageRequests;
import dev.custos.metadata.api.ResourceNotFoundException;
import dev.custos.metadata.filter.FilterSchema;
import dev.custos.metadata.filter.SqlFilter;
import dev.custos.metadata.grafeas.Kinds;
import dev.custos.metadata.grafeas.LegacyShapes;
import dev.custos.metadata.grafeas.NoteName;
import dev.custos.metadata.grafeas.ProjectName;
import dev.custos.metadata.grafeas.ProtoJson;
import dev.custos.metadata.grafeas.ServerTime;
import dev.custos.metadata.grafeas.UpdateMasks;
import dev.custos.metadata.project.ProjectRepository;
import dev.custos.metadata.storage.ListRow;
import dev.custos.metadata.storage.PagePosition;
import dev.custos.metadata.storage.PageTokens;
import io.grafeas.v1.BatchCreateNotesResponse;
import io.grafeas.v1.ListNotesResponse;
import io.grafeas.v1.Note;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Grafeas notes: create, batch create, get, list, update and delete, with JSON rendered from {@link
 * Note}.
 */
@ApplicationScoped
public class NoteService {
  /** Fields of a note that an update cannot change, as proto field names. */
  private static final Set<String> IMMUTABLE = Set.of("name", "kind", "create_time", "update_time");

  private final Mutiny.SessionFactory sessions;
  private final ProjectRepository projects;
  private final NoteRepository notes;
  private final PageRequests pages;
  private final PageTokens pageTokens;

  NoteService(
      Mutiny.SessionFactory sessions,
      ProjectRepository projects,
      NoteRepository notes,
      PageRequests pages,
      PageTokens pageTokens) {
    this.sessions = sessions;
    this.projects = projects;
    this.notes = notes;
    this.pages = pages;
    this.pageTokens = pageTokens;
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

  /**
   * Lists the notes of project {@code parent} that match {@code filter}, oldest first.
   *
   * @param filter an AIP-160 filter on the fields of {@link FilterSchema#NOTES}, or null
   * @param pageSize the requested page size, 0 for the default
   * @param pageToken the {@code nextPageToken} of the previous page, issued for the same parent and
   *     filter, or null or empty for the first page
   */
  public Uni<ListNotesResponse> list(
      ProjectName parent, String filter, int pageSize, String pageToken) {
    SqlFilter sqlFilter = FilterSchema.NOTES.compile(filter);
    int size = pages.effectivePageSize(pageSize);
    String collection = parent + "/notes";
    PagePosition after = pageTokens.read(pageToken, collection, sqlFilter);

    return sessions
        .withSession(session -> listInProject(session, parent, sqlFilter, after, size + 1))
        .map(rows -> renderList(pageTokens.page(rows, size, collection, sqlFilter)));
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

  /**
   * Updates the fields of the note that {@code updateMask} names (see {@link UpdateMasks}). The
   * server sets {@code updateTime}, and {@code kind} must still match the detail.
   */
  public Uni<String> update(String projectId, String noteId, String updateMask, String body) {
    NoteName name = NoteName.of(projectId, noteId);
    ObjectNode request = ProtoJson.readObject(body, "note");
    LegacyShapes.upgradeNote(request);
    Note patch = ProtoJson.merge(request, Note.newBuilder(), "note").build();

    return sessions.withTransaction(
        session ->
            notes
                .findBodyForUpdate(session, name)
                .map(stored -> merged(requireFound(stored, name), updateMask, request, patch))
                .call(note -> notes.update(session, note))
                .map(ProtoJson::print));
  }

  /**
   * Creates every note of {@code {"notes": {"<id>": {...}}}} in one transaction, or none of them.
   * An error names the item, as {@code notes["<id>"]}.
   */
  public Uni<String> batchCreate(String projectId, String body) {
    ProjectName project = ProjectName.of(projectId);
    List<Note> batch = NoteBatches.parse(project, body);
    List<String> names = batch.stream().map(Note::getName).collect(Collectors.toList());

    return sessions
        .withTransaction(session -> insertBatch(session, project, batch, names))
        .map(ignored -> renderBatch(batch));
  }

  private static Note merged(String storedJson, String updateMask, ObjectNode request, Note patch) {
    Note.Builder note = ProtoJson.mergeStored(storedJson, Note.newBuilder());
    UpdateMasks.apply(updateMask, request, patch, note, IMMUTABLE);

    return note.setKind(Kinds.of(note))
        .setUpdateTime(ServerTime.toTimestamp(ServerTime.now()))
        .build();
  }

  private Uni<Void> insertBatch(
      Mutiny.Session session, ProjectName project, List<Note> batch, List<String> names) {
    return projects
        .requireExists(session, project)
        .chain(() -> notes.findKinds(session, names))
        .invoke(existing -> requireNoneExist(existing))
        .chain(() -> notes.insertAll(session, batch));
  }

  private static void requireNoneExist(List<Object[]> existing) {
    if (!existing.isEmpty()) {
      NoteName name = NoteName.parse((String) existing.get(0)[0], "name");
      throw new AlreadyExistsException(
          "notes[\"" + name.noteId() + "\"]: note " + name + " already exists");
    }
  }

  private static String renderBatch(List<Note> batch) {
    return ProtoJson.print(BatchCreateNotesResponse.newBuilder().addAllNotes(batch));
  }

  static Note parseCreateRequest(NoteName name, String body) {
    return parseCreateRequest(name, ProtoJson.readObject(body, "note"));
  }

  static Note parseCreateRequest(NoteName name, ObjectNode request) {
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

  private Uni<List<ListRow>> listInProject(
      Mutiny.Session session,
      ProjectName project,
      SqlFilter filter,
      PagePosition after,
      int limit) {
    return projects
        .requireExists(session, project)
        .chain(() -> notes.list(session, project, filter, after, limit));
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

  private static ListNotesResponse renderList(PageTokens.Page page) {
    ListNotesResponse.Builder response =
        ListNotesResponse.newBuilder().setNextPageToken(page.nextPageToken());
    for (ListRow row : page.rows()) {
      response.addNotes(toNote(row.body()));
    }

    return response.build();
  }
}
