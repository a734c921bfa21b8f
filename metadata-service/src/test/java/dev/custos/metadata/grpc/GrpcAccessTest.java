package dev.custos.metadata.grpc;

import static dev.custos.metadata.GrafeasApi.ensureProject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.gax.rpc.PermissionDeniedException;
import com.google.api.gax.rpc.UnauthenticatedException;
import com.google.protobuf.ByteString;
import com.google.protobuf.FieldMask;
import dev.custos.embedded.EmbeddedServersResource;
import dev.custos.metadata.GrafeasApi;
import dev.custos.metadata.auth.AccessTestProfile;
import io.grafeas.v1.AttestationNote;
import io.grafeas.v1.AttestationOccurrence;
import io.grafeas.v1.GrafeasClient;
import io.grafeas.v1.Note;
import io.grafeas.v1.Occurrence;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Authentication and per-project permissions on every gRPC method, with the official client: the
 * same principals and checks as REST.
 */
@QuarkusTest
@TestProfile(AccessTestProfile.class)
@WithTestResource(EmbeddedServersResource.class)
class GrpcAccessTest {
  private static final String IMAGE =
      "https://registry.example.com/app@sha256:"
          + "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  private static final String LOCAL_NOTE = "projects/team-a/notes/local";
  private static final String SHARED_NOTE = "projects/shared/notes/base";

  /** A method call and the permission it needs on projects/team-a. */
  private record Call(String method, Consumer<GrafeasClient> call, String permission) {}

  @TestHTTPResource("/")
  URL root;

  private GrafeasClients admin;
  private String occurrenceName;

  @BeforeEach
  void createFixtures() throws Exception {
    ensureProject("team-a");
    ensureProject("shared");
    admin = GrafeasClients.connect(root.getPort(), GrafeasApi.DEV_TOKEN);
    createNoteUnlessPresent("team-a", "local");
    createNoteUnlessPresent("shared", "base");
    occurrenceName =
        admin.client().createOccurrence("projects/team-a", occurrence(LOCAL_NOTE)).getName();
  }

  @AfterEach
  void disconnect() throws Exception {
    admin.close();
  }

  private void createNoteUnlessPresent(String project, String noteId) {
    try {
      admin.client().createNote("projects/" + project, noteId, note());
    } catch (com.google.api.gax.rpc.AlreadyExistsException e) {
      // An earlier test of the class created it.
    }
  }

  private static Note note() {
    return Note.newBuilder().setAttestation(AttestationNote.getDefaultInstance()).build();
  }

  private static Occurrence occurrence(String noteName) {
    return Occurrence.newBuilder()
        .setResourceUri(IMAGE)
        .setNoteName(noteName)
        .setAttestation(
            AttestationOccurrence.newBuilder().setSerializedPayload(ByteString.copyFromUtf8("{}")))
        .build();
  }

  private static FieldMask mask(String path) {
    return FieldMask.newBuilder().addPaths(path).build();
  }

  private static <T> long count(Iterable<T> items) {
    return StreamSupport.stream(items.spliterator(), false).count();
  }

  private List<Call> calls() {
    String occurrence = occurrenceName;
    return List.of(
        new Call("GetNote", client -> client.getNote(LOCAL_NOTE), "notes.get"),
        new Call(
            "ListNotes",
            client -> count(client.listNotes("projects/team-a", "").iterateAll()),
            "notes.list"),
        new Call(
            "CreateNote",
            client -> client.createNote("projects/team-a", "new", note()),
            "notes.create"),
        new Call(
            "BatchCreateNotes",
            client -> client.batchCreateNotes("projects/team-a", Map.of("new", note())),
            "notes.create"),
        new Call(
            "UpdateNote",
            client -> client.updateNote(LOCAL_NOTE, note(), mask("short_description")),
            "notes.update"),
        new Call("DeleteNote", client -> client.deleteNote(LOCAL_NOTE), "notes.delete"),
        new Call(
            "ListNoteOccurrences",
            client -> count(client.listNoteOccurrences(LOCAL_NOTE, "").iterateAll()),
            "notes.listOccurrences"),
        new Call("GetOccurrence", client -> client.getOccurrence(occurrence), "occurrences.get"),
        new Call(
            "ListOccurrences",
            client -> count(client.listOccurrences("projects/team-a", "").iterateAll()),
            "occurrences.list"),
        new Call(
            "CreateOccurrence",
            client -> client.createOccurrence("projects/team-a", occurrence(LOCAL_NOTE)),
            "occurrences.create"),
        new Call(
            "BatchCreateOccurrences",
            client ->
                client.batchCreateOccurrences("projects/team-a", List.of(occurrence(LOCAL_NOTE))),
            "occurrences.create"),
        new Call(
            "UpdateOccurrence",
            client ->
                client.updateOccurrence(
                    occurrence,
                    Occurrence.newBuilder().setRemediation("x").build(),
                    mask("remediation")),
            "occurrences.update"),
        new Call(
            "DeleteOccurrence",
            client -> client.deleteOccurrence(occurrence),
            "occurrences.delete"),
        new Call(
            "GetOccurrenceNote",
            client -> client.getOccurrenceNote(occurrence),
            "occurrences.get"));
  }

  @Test
  void everyMethodWithoutTokenIsUnauthenticated() throws Exception {
    try (GrafeasClients anonymous = GrafeasClients.connect(root.getPort(), null)) {
      for (Call call : calls()) {
        assertThatThrownBy(() -> call.call().accept(anonymous.client()))
            .as(call.method())
            .isInstanceOf(UnauthenticatedException.class)
            .hasMessageContaining("no bearer token");
      }
    }
  }

  @Test
  void everyMethodWithUnknownTokenIsUnauthenticated() throws Exception {
    try (GrafeasClients stranger = GrafeasClients.connect(root.getPort(), "unknown-token")) {
      for (Call call : calls()) {
        assertThatThrownBy(() -> call.call().accept(stranger.client()))
            .as(call.method())
            .isInstanceOf(UnauthenticatedException.class)
            .hasMessageContaining("not valid");
      }
    }
  }

  @Test
  void everyMethodWithoutGrantIsPermissionDenied() throws Exception {
    try (GrafeasClients nobody =
        GrafeasClients.connect(root.getPort(), AccessTestProfile.NO_GRANTS_TOKEN)) {
      for (Call call : calls()) {
        assertThatThrownBy(() -> call.call().accept(nobody.client()))
            .as(call.method())
            .isInstanceOf(PermissionDeniedException.class)
            .hasMessageContaining("Permission " + call.permission() + " denied on projects/team-a")
            .hasMessageContaining("principal no-grants");
      }
    }

    assertThat(admin.client().getNote(LOCAL_NOTE).getName()).isEqualTo(LOCAL_NOTE);
    assertThat(admin.client().getOccurrence(occurrenceName).getName()).isEqualTo(occurrenceName);
  }

  @Test
  void readerReadsButCannotWrite() throws Exception {
    try (GrafeasClients reader =
        GrafeasClients.connect(root.getPort(), AccessTestProfile.READER_TOKEN)) {
      assertThat(reader.client().getOccurrenceNote(occurrenceName).getName()).isEqualTo(LOCAL_NOTE);
      assertThatThrownBy(() -> reader.client().deleteOccurrence(occurrenceName))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessageContaining("occurrences.delete");
    }

    assertThat(admin.client().getOccurrence(occurrenceName).getName()).isEqualTo(occurrenceName);
  }

  @Test
  void createAcrossProjectsNeedsAttachOccurrence() throws Exception {
    try (GrafeasClients writer =
            GrafeasClients.connect(root.getPort(), AccessTestProfile.TEAM_A_WRITER_TOKEN);
        GrafeasClients scanner =
            GrafeasClients.connect(root.getPort(), AccessTestProfile.SCANNER_TOKEN)) {
      long before = count(admin.client().listNoteOccurrences(SHARED_NOTE, "").iterateAll());

      assertThatThrownBy(
              () -> writer.client().createOccurrence("projects/team-a", occurrence(SHARED_NOTE)))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessageContaining("Permission notes.attachOccurrence denied on projects/shared");
      assertThat(count(admin.client().listNoteOccurrences(SHARED_NOTE, "").iterateAll()))
          .isEqualTo(before);

      Occurrence created =
          scanner.client().createOccurrence("projects/team-a", occurrence(SHARED_NOTE));
      assertThat(created.getNoteName()).isEqualTo(SHARED_NOTE);
    }
  }

  @Test
  void batchAcrossProjectsNamesItemWithoutAttach() throws Exception {
    try (GrafeasClients writer =
        GrafeasClients.connect(root.getPort(), AccessTestProfile.TEAM_A_WRITER_TOKEN)) {
      long before = count(admin.client().listOccurrences("projects/team-a", "").iterateAll());

      assertThatThrownBy(
              () ->
                  writer
                      .client()
                      .batchCreateOccurrences(
                          "projects/team-a",
                          List.of(occurrence(LOCAL_NOTE), occurrence(SHARED_NOTE))))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessageContaining("occurrences[1]: Permission notes.attachOccurrence");

      assertThat(count(admin.client().listOccurrences("projects/team-a", "").iterateAll()))
          .isEqualTo(before);
    }
  }

  @Test
  void updateAcrossProjectsNeedsAttachOccurrence() throws Exception {
    String shared =
        admin.client().createOccurrence("projects/team-a", occurrence(SHARED_NOTE)).getName();
    Occurrence patch = Occurrence.newBuilder().setRemediation("patched").build();

    try (GrafeasClients writer =
            GrafeasClients.connect(root.getPort(), AccessTestProfile.TEAM_A_WRITER_TOKEN);
        GrafeasClients scanner =
            GrafeasClients.connect(root.getPort(), AccessTestProfile.SCANNER_TOKEN)) {
      assertThatThrownBy(() -> writer.client().updateOccurrence(shared, patch, mask("remediation")))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessageContaining("notes.attachOccurrence denied on projects/shared");
      assertThat(admin.client().getOccurrence(shared).getRemediation()).isEmpty();

      assertThat(
              scanner
                  .client()
                  .updateOccurrence(shared, patch, mask("remediation"))
                  .getRemediation())
          .isEqualTo("patched");
    }
  }

  @Test
  void occurrenceNoteNeedsNotesGetOnNoteProject() throws Exception {
    String shared =
        admin.client().createOccurrence("projects/team-a", occurrence(SHARED_NOTE)).getName();

    try (GrafeasClients writer =
        GrafeasClients.connect(root.getPort(), AccessTestProfile.TEAM_A_WRITER_TOKEN)) {
      assertThatThrownBy(() -> writer.client().getOccurrenceNote(shared))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessageContaining("notes.get denied on projects/shared");
    }
  }
}
