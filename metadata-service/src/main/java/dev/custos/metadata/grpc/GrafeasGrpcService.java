package dev.custos.metadata.grpc;

import com.google.protobuf.Empty;
import dev.custos.metadata.auth.AccessControl;
import dev.custos.metadata.auth.ApiPrincipal;
import dev.custos.metadata.auth.Permission;
import dev.custos.metadata.grafeas.NoteName;
import dev.custos.metadata.grafeas.OccurrenceName;
import dev.custos.metadata.grafeas.ProjectName;
import dev.custos.metadata.note.NoteService;
import dev.custos.metadata.occurrence.OccurrenceService;
import io.grafeas.v1.BatchCreateNotesRequest;
import io.grafeas.v1.BatchCreateNotesResponse;
import io.grafeas.v1.BatchCreateOccurrencesRequest;
import io.grafeas.v1.BatchCreateOccurrencesResponse;
import io.grafeas.v1.CreateNoteRequest;
import io.grafeas.v1.CreateOccurrenceRequest;
import io.grafeas.v1.DeleteNoteRequest;
import io.grafeas.v1.DeleteOccurrenceRequest;
import io.grafeas.v1.GetNoteRequest;
import io.grafeas.v1.GetOccurrenceNoteRequest;
import io.grafeas.v1.GetOccurrenceRequest;
import io.grafeas.v1.GrafeasGrpc;
import io.grafeas.v1.ListNoteOccurrencesRequest;
import io.grafeas.v1.ListNoteOccurrencesResponse;
import io.grafeas.v1.ListNotesRequest;
import io.grafeas.v1.ListNotesResponse;
import io.grafeas.v1.ListOccurrencesRequest;
import io.grafeas.v1.ListOccurrencesResponse;
import io.grafeas.v1.Note;
import io.grafeas.v1.Occurrence;
import io.grafeas.v1.UpdateNoteRequest;
import io.grafeas.v1.UpdateOccurrenceRequest;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.quarkus.grpc.RegisterInterceptor;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/**
 * {@code grafeas.v1.Grafeas} over gRPC, as an adapter over the services that the REST resources
 * call: each method checks the permission on the project of the request's resource name, renders
 * the request as the REST body, and parses the service's JSON back into the response message. The
 * list methods and {@code GetOccurrenceNote} pass the request's fields to the services, which
 * return the response messages themselves. Errors become the gRPC status with the REST error's code
 * and message.
 */
@GrpcService
@RegisterInterceptor(BearerTokenInterceptor.class)
public class GrafeasGrpcService extends GrafeasGrpc.GrafeasImplBase {
  private final NoteService notes;
  private final OccurrenceService occurrences;
  private final GrpcErrors errors;

  GrafeasGrpcService(NoteService notes, OccurrenceService occurrences, GrpcErrors errors) {
    this.notes = notes;
    this.occurrences = occurrences;
    this.errors = errors;
  }

  @Override
  public void getNote(GetNoteRequest request, StreamObserver<Note> response) {
    ApiPrincipal caller = caller();
    reply(
        response,
        () -> {
          NoteName name = NoteName.parse(request.getName(), "name");
          AccessControl.require(caller, Permission.NOTES_GET, name.project());
          return notes.get(name.projectId(), name.noteId()).map(GrafeasGrpcService::note);
        });
  }

  @Override
  public void listNotes(ListNotesRequest request, StreamObserver<ListNotesResponse> response) {
    ApiPrincipal caller = caller();
    reply(
        response,
        () -> {
          ProjectName parent = ProjectName.parse(request.getParent(), "parent");
          AccessControl.require(caller, Permission.NOTES_LIST, parent);
          return notes.list(
              parent, request.getFilter(), request.getPageSize(), request.getPageToken());
        });
  }

  @Override
  public void createNote(CreateNoteRequest request, StreamObserver<Note> response) {
    ApiPrincipal caller = caller();
    reply(
        response,
        () -> {
          ProjectName parent = ProjectName.parse(request.getParent(), "parent");
          AccessControl.require(caller, Permission.NOTES_CREATE, parent);
          GrpcMessages.requirePresent(request.hasNote(), "note");
          String body = GrpcMessages.toJson(request.getNote(), "note");
          return notes
              .create(parent.projectId(), request.getNoteId(), body)
              .map(GrafeasGrpcService::note);
        });
  }

  @Override
  public void batchCreateNotes(
      BatchCreateNotesRequest request, StreamObserver<BatchCreateNotesResponse> response) {
    ApiPrincipal caller = caller();
    reply(
        response,
        () -> {
          ProjectName parent = ProjectName.parse(request.getParent(), "parent");
          AccessControl.require(caller, Permission.NOTES_CREATE, parent);
          String body = GrpcMessages.toJson(request, "notes");
          return notes
              .batchCreate(parent.projectId(), body)
              .map(
                  json ->
                      GrpcMessages.fromJson(json, BatchCreateNotesResponse.newBuilder()).build());
        });
  }

  @Override
  public void updateNote(UpdateNoteRequest request, StreamObserver<Note> response) {
    ApiPrincipal caller = caller();
    reply(
        response,
        () -> {
          NoteName name = NoteName.parse(request.getName(), "name");
          AccessControl.require(caller, Permission.NOTES_UPDATE, name.project());
          GrpcMessages.requirePresent(request.hasNote(), "note");
          String body = GrpcMessages.toJson(request.getNote(), "note");
          String mask = GrpcMessages.updateMask(request.hasUpdateMask(), request.getUpdateMask());
          return notes
              .update(name.projectId(), name.noteId(), mask, body)
              .map(GrafeasGrpcService::note);
        });
  }

  @Override
  public void deleteNote(DeleteNoteRequest request, StreamObserver<Empty> response) {
    ApiPrincipal caller = caller();
    reply(
        response,
        () -> {
          NoteName name = NoteName.parse(request.getName(), "name");
          AccessControl.require(caller, Permission.NOTES_DELETE, name.project());
          return notes.delete(name.projectId(), name.noteId()).map(ignored -> empty());
        });
  }

  @Override
  public void listNoteOccurrences(
      ListNoteOccurrencesRequest request, StreamObserver<ListNoteOccurrencesResponse> response) {
    ApiPrincipal caller = caller();
    reply(
        response,
        () -> {
          NoteName name = NoteName.parse(request.getName(), "name");
          AccessControl.require(caller, Permission.NOTES_LIST_OCCURRENCES, name.project());
          return occurrences.listForNote(
              name, request.getFilter(), request.getPageSize(), request.getPageToken());
        });
  }

  @Override
  public void getOccurrence(GetOccurrenceRequest request, StreamObserver<Occurrence> response) {
    ApiPrincipal caller = caller();
    reply(
        response,
        () -> {
          OccurrenceName name = OccurrenceName.parse(request.getName(), "name");
          AccessControl.require(caller, Permission.OCCURRENCES_GET, name.project());
          return occurrences
              .get(name.projectId(), name.occurrenceId())
              .map(GrafeasGrpcService::occurrence);
        });
  }

  @Override
  public void listOccurrences(
      ListOccurrencesRequest request, StreamObserver<ListOccurrencesResponse> response) {
    ApiPrincipal caller = caller();
    reply(
        response,
        () -> {
          ProjectName parent = ProjectName.parse(request.getParent(), "parent");
          AccessControl.require(caller, Permission.OCCURRENCES_LIST, parent);
          return occurrences.list(
              parent, request.getFilter(), request.getPageSize(), request.getPageToken());
        });
  }

  @Override
  public void createOccurrence(
      CreateOccurrenceRequest request, StreamObserver<Occurrence> response) {
    ApiPrincipal caller = caller();
    reply(
        response,
        () -> {
          ProjectName parent = ProjectName.parse(request.getParent(), "parent");
          AccessControl.require(caller, Permission.OCCURRENCES_CREATE, parent);
          GrpcMessages.requirePresent(request.hasOccurrence(), "occurrence");
          String body = GrpcMessages.toJson(request.getOccurrence(), "occurrence");
          return occurrences
              .create(caller, parent.projectId(), body)
              .map(GrafeasGrpcService::occurrence);
        });
  }

  @Override
  public void batchCreateOccurrences(
      BatchCreateOccurrencesRequest request,
      StreamObserver<BatchCreateOccurrencesResponse> response) {
    ApiPrincipal caller = caller();
    reply(
        response,
        () -> {
          ProjectName parent = ProjectName.parse(request.getParent(), "parent");
          AccessControl.require(caller, Permission.OCCURRENCES_CREATE, parent);
          String body = GrpcMessages.toJson(request, "occurrences");
          return occurrences
              .batchCreate(caller, parent.projectId(), body)
              .map(
                  json ->
                      GrpcMessages.fromJson(json, BatchCreateOccurrencesResponse.newBuilder())
                          .build());
        });
  }

  @Override
  public void updateOccurrence(
      UpdateOccurrenceRequest request, StreamObserver<Occurrence> response) {
    ApiPrincipal caller = caller();
    reply(
        response,
        () -> {
          OccurrenceName name = OccurrenceName.parse(request.getName(), "name");
          AccessControl.require(caller, Permission.OCCURRENCES_UPDATE, name.project());
          GrpcMessages.requirePresent(request.hasOccurrence(), "occurrence");
          String body = GrpcMessages.toJson(request.getOccurrence(), "occurrence");
          String mask = GrpcMessages.updateMask(request.hasUpdateMask(), request.getUpdateMask());
          return occurrences
              .update(caller, name.projectId(), name.occurrenceId(), mask, body)
              .map(GrafeasGrpcService::occurrence);
        });
  }

  @Override
  public void deleteOccurrence(DeleteOccurrenceRequest request, StreamObserver<Empty> response) {
    ApiPrincipal caller = caller();
    reply(
        response,
        () -> {
          OccurrenceName name = OccurrenceName.parse(request.getName(), "name");
          AccessControl.require(caller, Permission.OCCURRENCES_DELETE, name.project());
          return occurrences.delete(name.projectId(), name.occurrenceId()).map(ignored -> empty());
        });
  }

  @Override
  public void getOccurrenceNote(GetOccurrenceNoteRequest request, StreamObserver<Note> response) {
    ApiPrincipal caller = caller();
    reply(
        response,
        () -> {
          OccurrenceName name = OccurrenceName.parse(request.getName(), "name");
          AccessControl.require(caller, Permission.OCCURRENCES_GET, name.project());
          return occurrences.getNote(caller, name.projectId(), name.occurrenceId());
        });
  }

  /**
   * Returns the principal that {@link BearerTokenInterceptor} authenticated, or null without one,
   * which the permission check rejects. It is read before the first asynchronous step, while the
   * call's gRPC context is current.
   */
  private static ApiPrincipal caller() {
    return BearerTokenInterceptor.CALLER.get();
  }

  /**
   * Runs {@code call} and sends its result, or the gRPC status of its failure. A failure thrown
   * before the Uni exists, such as a malformed name, is reported the same way.
   */
  private <T> void reply(StreamObserver<T> response, Supplier<Uni<? extends T>> call) {
    Uni.createFrom()
        .<T>deferred(call)
        .subscribe()
        .with(
            result -> {
              response.onNext(result);
              response.onCompleted();
            },
            failure -> response.onError(errors.toStatus(failure)));
  }

  private static Note note(String json) {
    return GrpcMessages.fromJson(json, Note.newBuilder()).build();
  }

  private static Occurrence occurrence(String json) {
    return GrpcMessages.fromJson(json, Occurrence.newBuilder()).build();
  }

  private static Empty empty() {
    return Empty.getDefaultInstance();
  }
}
