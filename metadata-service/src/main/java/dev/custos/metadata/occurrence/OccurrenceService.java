package dev.custos.metadata.occurrence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Timestamp;
import dev.custos.events.EventJson;
import dev.custos.events.metadata.OccurrenceCreated;
import dev.custos.events.metadata.OccurrenceDeleted;
import dev.custos.events.metadata.OccurrenceEvent;
import dev.custos.events.metadata.OccurrenceKind;
import dev.custos.events.metadata.OccurrenceUpdated;
import dev.custos.metadata.MetadataConfig;
import dev.custos.metadata.api.InvalidArgumentException;
import dev.custos.metadata.api.PageRequests;
import dev.custos.metadata.api.PermissionDeniedException;
import dev.custos.metadata.api.ResourceNotFoundException;
import dev.custos.metadata.auth.AccessControl;
import dev.custos.metadata.auth.ApiPrincipal;
import dev.custos.metadata.auth.Permission;
import dev.custos.metadata.filter.FilterSchema;
import dev.custos.metadata.filter.SqlFilter;
import dev.custos.metadata.grafeas.Kinds;
import dev.custos.metadata.grafeas.LegacyShapes;
import dev.custos.metadata.grafeas.NoteName;
import dev.custos.metadata.grafeas.OccurrenceName;
import dev.custos.metadata.grafeas.ProjectName;
import dev.custos.metadata.grafeas.ProtoJson;
import dev.custos.metadata.grafeas.ServerTime;
import dev.custos.metadata.grafeas.UpdateMasks;
import dev.custos.metadata.note.NoteRepository;
import dev.custos.metadata.outbox.OutboxRelay;
import dev.custos.metadata.outbox.OutboxWriter;
import dev.custos.metadata.project.ProjectRepository;
import dev.custos.metadata.storage.ListRow;
import dev.custos.metadata.storage.PagePosition;
import dev.custos.metadata.storage.PageTokens;
import io.grafeas.v1.BatchCreateOccurrencesResponse;
import io.grafeas.v1.ListNoteOccurrencesResponse;
import io.grafeas.v1.ListOccurrencesResponse;
import io.grafeas.v1.Note;
import io.grafeas.v1.NoteKind;
import io.grafeas.v1.Occurrence;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Grafeas occurrences: create, batch create, get, list, update and delete. Every create, update and
 * delete also appends its {@code OccurrenceCreated}, {@code OccurrenceUpdated} or {@code
 * OccurrenceDeleted} event to the outbox in the same transaction, and wakes the outbox relay once
 * that transaction has committed.
 */
@ApplicationScoped
public class OccurrenceService {
  /** Fields of an occurrence that an update cannot change, as proto field names. */
  private static final Set<String> IMMUTABLE =
      Set.of("name", "resource_uri", "note_name", "kind", "create_time", "update_time");

  private final Mutiny.SessionFactory sessions;
  private final ProjectRepository projects;
  private final NoteRepository notes;
  private final OccurrenceRepository occurrences;
  private final OutboxWriter outbox;
  private final OutboxRelay relay;
  private final PageRequests pages;
  private final PageTokens pageTokens;
  private final int maxOccurrenceBytes;
  private final EventJson eventJson = new EventJson();

  OccurrenceService(
      Mutiny.SessionFactory sessions,
      ProjectRepository projects,
      NoteRepository notes,
      OccurrenceRepository occurrences,
      OutboxWriter outbox,
      OutboxRelay relay,
      PageRequests pages,
      PageTokens pageTokens,
      MetadataConfig config) {
    this.sessions = sessions;
    this.projects = projects;
    this.notes = notes;
    this.occurrences = occurrences;
    this.outbox = outbox;
    this.relay = relay;
    this.pages = pages;
    this.pageTokens = pageTokens;
    this.maxOccurrenceBytes = config.maxOccurrenceBytes();
  }

  /**
   * Creates an occurrence with a generated id in project {@code projectId}, from a v1 or
   * 2017-shaped body. The server sets {@code name}, {@code kind}, {@code createTime} and {@code
   * updateTime}. The caller needs {@code notes.attachOccurrence} on the note's project.
   */
  public Uni<String> create(ApiPrincipal caller, String projectId, String body) {
    OccurrenceName name = OccurrenceName.of(projectId, UUID.randomUUID().toString());
    Occurrence occurrence = parseCreateRequest(name, body);
    NoteName note = NoteName.parse(occurrence.getNoteName(), "noteName");
    AccessControl.require(caller, Permission.NOTES_ATTACH_OCCURRENCE, note.project());
    requireEventSize(created(occurrence));
    String json = ProtoJson.print(occurrence);

    return sessions
        .withTransaction(session -> insertWithEvent(session, name, note, occurrence, json))
        .invoke(relay::wake)
        .map(ignored -> json);
  }

  public Uni<String> get(String projectId, String occurrenceId) {
    OccurrenceName name = OccurrenceName.of(projectId, occurrenceId);

    return sessions
        .withSession(session -> occurrences.findBody(session, name))
        .map(body -> requireFound(body, name))
        .map(body -> ProtoJson.print(toOccurrence(body)));
  }

  /**
   * Lists the occurrences of project {@code parent} that match {@code filter}, oldest first.
   *
   * @param filter an AIP-160 filter on the fields of {@link FilterSchema#OCCURRENCES}, or null
   * @param pageSize the requested page size, 0 for the default
   * @param pageToken the {@code nextPageToken} of the previous page, issued for the same parent and
   *     filter, or null or empty for the first page
   */
  public Uni<ListOccurrencesResponse> list(
      ProjectName parent, String filter, int pageSize, String pageToken) {
    SqlFilter sqlFilter = FilterSchema.OCCURRENCES.compile(filter);
    int size = pages.effectivePageSize(pageSize);
    String collection = parent + "/occurrences";
    PagePosition after = pageTokens.read(pageToken, collection, sqlFilter);

    return sessions
        .withSession(session -> listInProject(session, parent, sqlFilter, after, size + 1))
        .map(rows -> renderList(pageTokens.page(rows, size, collection, sqlFilter)));
  }

  /**
   * Lists the occurrences, in any project, that reference note {@code note} and match {@code
   * filter}, oldest first, as Grafeas's {@code ListNoteOccurrences} does. The transports check
   * {@code notes.listOccurrences} on the note's project, and no permission on the projects of the
   * occurrences, as in Grafeas.
   *
   * @throws ResourceNotFoundException (in the returned Uni) if the note does not exist
   */
  public Uni<ListNoteOccurrencesResponse> listForNote(
      NoteName note, String filter, int pageSize, String pageToken) {
    SqlFilter sqlFilter = FilterSchema.OCCURRENCES.compile(filter);
    int size = pages.effectivePageSize(pageSize);
    String collection = note + "/occurrences";
    PagePosition after = pageTokens.read(pageToken, collection, sqlFilter);

    return sessions
        .withSession(
            session ->
                notes
                    .findKind(session, note)
                    .invoke(kind -> requireNote(kind, note))
                    .chain(
                        () -> occurrences.listForNote(session, note, sqlFilter, after, size + 1)))
        .map(rows -> renderNoteOccurrences(pageTokens.page(rows, size, collection, sqlFilter)));
  }

  /**
   * Returns the note that the occurrence references, which may be in another project. The caller
   * needs {@code notes.get} on the note's project, which this method checks, besides the {@code
   * occurrences.get} on the occurrence's project that the transports check.
   *
   * @throws ResourceNotFoundException (in the returned Uni) if the occurrence does not exist
   * @throws PermissionDeniedException (in the returned Uni) without {@code notes.get} on the note's
   *     project
   */
  public Uni<Note> getNote(ApiPrincipal caller, String projectId, String occurrenceId) {
    OccurrenceName name = OccurrenceName.of(projectId, occurrenceId);

    return sessions.withSession(
        session ->
            occurrences
                .findBody(session, name)
                .map(
                    body ->
                        NoteName.parse(
                            toOccurrence(requireFound(body, name)).getNoteName(), "noteName"))
                .invoke(note -> AccessControl.require(caller, Permission.NOTES_GET, note.project()))
                .chain(
                    note -> notes.findBody(session, note).map(body -> requireNoteBody(body, note)))
                .map(body -> ProtoJson.mergeStored(body, Note.newBuilder()).build()));
  }

  /**
   * Counts the project's vulnerability occurrences that match {@code filter} by resource URI and
   * effective severity, with how many of them have a fix, as Container Analysis v1's {@code
   * GetVulnerabilityOccurrencesSummary} does.
   */
  public Uni<List<VulnerabilityCount>> vulnerabilitySummary(ProjectName parent, String filter) {
    SqlFilter sqlFilter = FilterSchema.OCCURRENCES.compile(filter);

    return sessions.withSession(
        session ->
            projects
                .requireExists(session, parent)
                .chain(() -> occurrences.countVulnerabilities(session, parent, sqlFilter)));
  }

  public Uni<String> delete(String projectId, String occurrenceId) {
    OccurrenceName name = OccurrenceName.of(projectId, occurrenceId);

    return sessions
        .withTransaction(session -> deleteWithEvent(session, name))
        .invoke(relay::wake)
        .map(ignored -> "{}");
  }

  /**
   * Updates the fields of the occurrence that {@code updateMask} names (see {@link UpdateMasks}),
   * and appends an {@code OccurrenceUpdated} event in the same transaction. The server sets {@code
   * updateTime}, and {@code kind} must still match the detail. The caller needs {@code
   * notes.attachOccurrence} on the project of the occurrence's note.
   */
  public Uni<String> update(
      ApiPrincipal caller, String projectId, String occurrenceId, String updateMask, String body) {
    OccurrenceName name = OccurrenceName.of(projectId, occurrenceId);
    ObjectNode request = ProtoJson.readObject(body, "occurrence");
    LegacyShapes.upgradeOccurrence(request);
    Occurrence patch = ProtoJson.merge(request, Occurrence.newBuilder(), "occurrence").build();

    return sessions
        .withTransaction(
            session -> updateWithEvent(session, caller, name, updateMask, request, patch))
        .invoke(relay::wake)
        .map(ProtoJson::print);
  }

  /**
   * Creates every occurrence of {@code {"occurrences": [...]}} in one transaction, with one outbox
   * row each, or none of them. An error names the item, as {@code occurrences[<index>]}. The caller
   * needs {@code notes.attachOccurrence} on the project of every item's note.
   */
  public Uni<String> batchCreate(ApiPrincipal caller, String projectId, String body) {
    ProjectName project = ProjectName.of(projectId);
    List<Occurrence> batch = OccurrenceBatches.parse(project, body);
    requireAttachAll(caller, batch);
    for (int i = 0; i < batch.size(); i++) {
      try {
        requireEventSize(created(batch.get(i)));
      } catch (InvalidArgumentException e) {
        throw new InvalidArgumentException("occurrences[" + i + "]: " + e.getMessage());
      }
    }

    return sessions
        .withTransaction(session -> insertBatchWithEvents(session, project, batch))
        .invoke(relay::wake)
        .map(ignored -> renderBatch(batch));
  }

  static Occurrence parseCreateRequest(OccurrenceName name, String body) {
    return parseCreateRequest(name, ProtoJson.readObject(body, "occurrence"));
  }

  static Occurrence parseCreateRequest(OccurrenceName name, ObjectNode request) {
    LegacyShapes.upgradeOccurrence(request);
    Occurrence.Builder occurrence = ProtoJson.merge(request, Occurrence.newBuilder(), "occurrence");
    NoteKind kind = Kinds.of(occurrence);
    requireResourceUri(occurrence);
    NoteName.parse(occurrence.getNoteName(), "noteName");
    Timestamp now = ServerTime.toTimestamp(ServerTime.now());

    return occurrence
        .setKind(kind)
        .setName(name.toString())
        .setCreateTime(now)
        .setUpdateTime(now)
        .build();
  }

  private Uni<Void> insertWithEvent(
      Mutiny.Session session,
      OccurrenceName name,
      NoteName note,
      Occurrence occurrence,
      String json) {
    return projects
        .requireExists(session, name.project())
        .chain(() -> notes.findKind(session, note))
        .invoke(noteKind -> requireMatchingNote(noteKind, note, occurrence.getKind()))
        .chain(() -> occurrences.insert(session, name, note, occurrence, json))
        .chain(() -> outbox.append(session, created(occurrence)));
  }

  private Uni<Occurrence> updateWithEvent(
      Mutiny.Session session,
      ApiPrincipal caller,
      OccurrenceName name,
      String updateMask,
      ObjectNode request,
      Occurrence patch) {
    return occurrences
        .findBodyForUpdate(session, name)
        .map(stored -> merged(requireFound(stored, name), updateMask, request, patch))
        .invoke(occurrence -> requireAttach(caller, occurrence))
        .invoke(occurrence -> requireEventSize(updated(occurrence)))
        .call(occurrence -> occurrences.update(session, occurrence))
        .call(occurrence -> outbox.append(session, updated(occurrence)));
  }

  private static Occurrence merged(
      String storedJson, String updateMask, ObjectNode request, Occurrence patch) {
    Occurrence.Builder occurrence = ProtoJson.mergeStored(storedJson, Occurrence.newBuilder());
    UpdateMasks.apply(updateMask, request, patch, occurrence, IMMUTABLE);

    return occurrence
        .setKind(Kinds.of(occurrence))
        .setUpdateTime(ServerTime.toTimestamp(ServerTime.now()))
        .build();
  }

  private Uni<Void> insertBatchWithEvents(
      Mutiny.Session session, ProjectName project, List<Occurrence> batch) {
    List<String> noteNames =
        batch.stream().map(Occurrence::getNoteName).distinct().collect(Collectors.toList());
    List<OccurrenceCreated> events =
        batch.stream().map(OccurrenceService::created).collect(Collectors.toList());

    return projects
        .requireExists(session, project)
        .chain(() -> notes.findKinds(session, noteNames))
        .invoke(found -> requireMatchingNotes(batch, found))
        .chain(() -> occurrences.insertAll(session, batch))
        .chain(() -> outbox.appendAll(session, events));
  }

  /**
   * Checks every item's note, and names the first item whose note is missing or of another kind.
   */
  private static void requireMatchingNotes(List<Occurrence> batch, List<Object[]> foundNotes) {
    Map<String, String> noteKinds = new HashMap<>();
    for (Object[] row : foundNotes) {
      noteKinds.put((String) row[0], (String) row[1]);
    }

    for (int i = 0; i < batch.size(); i++) {
      Occurrence occurrence = batch.get(i);
      NoteName note = NoteName.parse(occurrence.getNoteName(), "noteName");
      try {
        requireMatchingNote(noteKinds.get(note.toString()), note, occurrence.getKind());
      } catch (InvalidArgumentException e) {
        throw new InvalidArgumentException("occurrences[" + i + "]: " + e.getMessage());
      }
    }
  }

  private static void requireAttach(ApiPrincipal caller, Occurrence occurrence) {
    NoteName note = NoteName.parse(occurrence.getNoteName(), "noteName");
    AccessControl.require(caller, Permission.NOTES_ATTACH_OCCURRENCE, note.project());
  }

  /** Checks every item's note project, and names the first item that the caller may not attach. */
  private static void requireAttachAll(ApiPrincipal caller, List<Occurrence> batch) {
    for (int i = 0; i < batch.size(); i++) {
      try {
        requireAttach(caller, batch.get(i));
      } catch (PermissionDeniedException e) {
        throw new PermissionDeniedException("occurrences[" + i + "]: " + e.getMessage());
      }
    }
  }

  private static String renderBatch(List<Occurrence> batch) {
    return ProtoJson.print(BatchCreateOccurrencesResponse.newBuilder().addAllOccurrences(batch));
  }

  private Uni<Void> deleteWithEvent(Mutiny.Session session, OccurrenceName name) {
    return occurrences
        .findBody(session, name)
        .map(body -> toOccurrence(requireFound(body, name)))
        .call(occurrence -> deleteExisting(session, name))
        .chain(occurrence -> outbox.append(session, deleted(occurrence)));
  }

  /** Deletes the row, and fails with NOT_FOUND when a concurrent request deleted it first. */
  private Uni<Integer> deleteExisting(Mutiny.Session session, OccurrenceName name) {
    return occurrences.delete(session, name).invoke(deleted -> requireDeleted(deleted, name));
  }

  private Uni<List<ListRow>> listInProject(
      Mutiny.Session session,
      ProjectName project,
      SqlFilter filter,
      PagePosition after,
      int limit) {
    return projects
        .requireExists(session, project)
        .chain(() -> occurrences.list(session, project, filter, after, limit));
  }

  /**
   * Rejects an occurrence whose event would exceed {@code custos.metadata.max-occurrence-bytes},
   * because the relay could not publish it and would stop at that row. A deletion event carries the
   * same occurrence, so an occurrence that passes here can also be deleted.
   */
  private void requireEventSize(OccurrenceEvent event) {
    int size = eventJson.write(event).length;
    if (size > maxOccurrenceBytes) {
      throw new InvalidArgumentException(
          "The occurrence is too large: its event is "
              + size
              + " bytes, and the maximum is "
              + maxOccurrenceBytes
              + " bytes (custos.metadata.max-occurrence-bytes). Store large content, such as a"
              + " big signature or payload, elsewhere and reference it");
    }
  }

  private static void requireResourceUri(Occurrence.Builder occurrence) {
    if (occurrence.getResourceUri().isBlank()) {
      throw new InvalidArgumentException(
          "resourceUri is required: the URI of the resource the occurrence is about, such as"
              + " https://registry.example.com/app@sha256:<digest>");
    }
  }

  /**
   * Checks that the note exists and has the occurrence's kind, since an occurrence of one kind
   * under a note of another could not be interpreted.
   */
  private static void requireMatchingNote(String noteKind, NoteName note, NoteKind kind) {
    if (noteKind == null) {
      throw new InvalidArgumentException(
          "Invalid noteName: note " + note + " does not exist. Create the note first");
    }
    if (!noteKind.equals(kind.name())) {
      throw new InvalidArgumentException(
          "The occurrence is "
              + kind
              + " but note "
              + note
              + " is "
              + noteKind
              + "; an occurrence must have its note's kind");
    }
  }

  private static void requireDeleted(int deletedRows, OccurrenceName name) {
    if (deletedRows == 0) {
      throw new ResourceNotFoundException("Occurrence " + name + " not found");
    }
  }

  private static void requireNote(String kind, NoteName note) {
    if (kind == null) {
      throw new ResourceNotFoundException("Note " + note + " not found");
    }
  }

  /**
   * Fails when the note is missing, which the foreign key allows only during a concurrent delete.
   */
  private static String requireNoteBody(String body, NoteName note) {
    if (body == null) {
      throw new ResourceNotFoundException("Note " + note + " not found");
    }

    return body;
  }

  private static String requireFound(String body, OccurrenceName name) {
    if (body == null) {
      throw new ResourceNotFoundException("Occurrence " + name + " not found");
    }

    return body;
  }

  private static OccurrenceCreated created(Occurrence occurrence) {
    return new OccurrenceCreated(
        occurrence.getName(),
        eventKind(occurrence.getKind()),
        occurrence.getResourceUri(),
        occurrence.getNoteName(),
        ProtoJson.printTree(occurrence));
  }

  private static OccurrenceUpdated updated(Occurrence occurrence) {
    return new OccurrenceUpdated(
        occurrence.getName(),
        eventKind(occurrence.getKind()),
        occurrence.getResourceUri(),
        occurrence.getNoteName(),
        ProtoJson.printTree(occurrence));
  }

  private static OccurrenceDeleted deleted(Occurrence occurrence) {
    return new OccurrenceDeleted(
        occurrence.getName(),
        eventKind(occurrence.getKind()),
        occurrence.getResourceUri(),
        occurrence.getNoteName(),
        ProtoJson.printTree(occurrence));
  }

  /** Maps the Grafeas kind to the event enum, which lists the same names. */
  private static OccurrenceKind eventKind(NoteKind kind) {
    return OccurrenceKind.valueOf(kind.name());
  }

  private static Occurrence toOccurrence(String storedJson) {
    return ProtoJson.mergeStored(storedJson, Occurrence.newBuilder()).build();
  }

  private static ListNoteOccurrencesResponse renderNoteOccurrences(PageTokens.Page page) {
    ListNoteOccurrencesResponse.Builder response =
        ListNoteOccurrencesResponse.newBuilder().setNextPageToken(page.nextPageToken());
    for (ListRow row : page.rows()) {
      response.addOccurrences(toOccurrence(row.body()));
    }

    return response.build();
  }

  private static ListOccurrencesResponse renderList(PageTokens.Page page) {
    ListOccurrencesResponse.Builder response =
        ListOccurrencesResponse.newBuilder().setNextPageToken(page.nextPageToken());
    for (ListRow row : page.rows()) {
      response.addOccurrences(toOccurrence(row.body()));
    }

    return response.build();
  }
}
