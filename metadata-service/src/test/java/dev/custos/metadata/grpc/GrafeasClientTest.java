package dev.custos.metadata.grpc;

import static dev.custos.metadata.GrafeasApi.ensureProject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.gax.rpc.AlreadyExistsException;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.FailedPreconditionException;
import com.google.api.gax.rpc.InvalidArgumentException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.api.gax.rpc.PermissionDeniedException;
import com.google.api.gax.rpc.StatusCode;
import com.google.api.gax.rpc.UnauthenticatedException;
import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import com.google.protobuf.FieldMask;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.custos.embedded.EmbeddedServersResource;
import dev.custos.metadata.GrafeasApi;
import dev.custos.metadata.auth.AccessTestProfile;
import io.grafeas.v1.AttestationNote;
import io.grafeas.v1.AttestationOccurrence;
import io.grafeas.v1.BatchCreateNotesResponse;
import io.grafeas.v1.BatchCreateOccurrencesResponse;
import io.grafeas.v1.BuildNote;
import io.grafeas.v1.BuildOccurrence;
import io.grafeas.v1.CreateOccurrenceRequest;
import io.grafeas.v1.GrafeasClient;
import io.grafeas.v1.InTotoProvenance;
import io.grafeas.v1.ListNoteOccurrencesRequest;
import io.grafeas.v1.ListNoteOccurrencesResponse;
import io.grafeas.v1.ListNotesRequest;
import io.grafeas.v1.ListNotesResponse;
import io.grafeas.v1.ListOccurrencesRequest;
import io.grafeas.v1.ListOccurrencesResponse;
import io.grafeas.v1.Note;
import io.grafeas.v1.NoteKind;
import io.grafeas.v1.Occurrence;
import io.grafeas.v1.Recipe;
import io.grafeas.v1.Severity;
import io.grafeas.v1.Signature;
import io.grafeas.v1.VulnerabilityNote;
import io.grafeas.v1.VulnerabilityOccurrence;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every route of the official Grafeas Java client ({@link GrafeasClient} from io.grafeas:grafeas)
 * against the service's gRPC endpoint on the HTTP port, with the errors a client sees.
 */
@QuarkusTest
@TestProfile(AccessTestProfile.class)
@WithTestResource(EmbeddedServersResource.class)
class GrafeasClientTest {
  private static final String PROJECT = "grpc";
  private static final String IMAGE =
      "https://registry.example.com/app@sha256:"
          + "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  @TestHTTPResource("/")
  URL root;

  private GrafeasClients connection;
  private GrafeasClient grafeas;

  @BeforeEach
  void connect() throws Exception {
    ensureProject(PROJECT);
    connection = GrafeasClients.connect(root.getPort(), GrafeasApi.DEV_TOKEN);
    grafeas = connection.client();
  }

  @AfterEach
  void disconnect() throws Exception {
    connection.close();
  }

  private static Note attestationNote(String name) {
    return Note.newBuilder()
        .setShortDescription("QA attestor " + name)
        .setAttestation(
            AttestationNote.newBuilder()
                .setHint(AttestationNote.Hint.newBuilder().setHumanReadableName(name)))
        .build();
  }

  private static Occurrence attestation(String noteName) {
    return Occurrence.newBuilder()
        .setResourceUri(IMAGE)
        .setNoteName(noteName)
        .setAttestation(
            AttestationOccurrence.newBuilder()
                .setSerializedPayload(ByteString.copyFromUtf8("{\"critical\":{}}"))
                .addSignatures(
                    Signature.newBuilder()
                        .setSignature(ByteString.copyFromUtf8("sig"))
                        .setPublicKeyId("key-1")))
        .build();
  }

  private String noteName(String noteId) {
    return "projects/" + PROJECT + "/notes/" + noteId;
  }

  @Test
  void createNoteSetsServerFields() {
    Note created = grafeas.createNote("projects/" + PROJECT, "created", attestationNote("qa"));

    assertThat(created.getName()).isEqualTo(noteName("created"));
    assertThat(created.getKind()).isEqualTo(NoteKind.ATTESTATION);
    assertThat(created.getShortDescription()).isEqualTo("QA attestor qa");
    assertThat(created.hasCreateTime()).isTrue();
    assertThat(created.getUpdateTime()).isEqualTo(created.getCreateTime());
  }

  @Test
  void getNoteReturnsCreatedNote() {
    Note created = grafeas.createNote("projects/" + PROJECT, "fetched", attestationNote("qa"));

    assertThat(grafeas.getNote(noteName("fetched"))).isEqualTo(created);
  }

  @Test
  void listNotesContainsCreatedNotes() {
    grafeas.createNote("projects/" + PROJECT, "listed-1", attestationNote("a"));
    grafeas.createNote("projects/" + PROJECT, "listed-2", attestationNote("b"));

    List<String> names =
        all(grafeas.listNotes("projects/" + PROJECT, "").iterateAll()).map(Note::getName).toList();

    assertThat(names).contains(noteName("listed-1"), noteName("listed-2"));
  }

  @Test
  void updateNoteChangesMaskedFieldOnly() {
    Note created = grafeas.createNote("projects/" + PROJECT, "updated", attestationNote("qa"));
    Note patch = Note.newBuilder().setShortDescription("new").setLongDescription("ignored").build();

    Note updated =
        grafeas.updateNote(
            noteName("updated"),
            patch,
            FieldMask.newBuilder().addPaths("short_description").build());

    assertThat(updated.getShortDescription()).isEqualTo("new");
    assertThat(updated.getLongDescription()).isEmpty();
    assertThat(updated.getAttestation()).isEqualTo(created.getAttestation());
    assertThat(updated.getCreateTime()).isEqualTo(created.getCreateTime());
    assertThat(grafeas.getNote(noteName("updated"))).isEqualTo(updated);
  }

  @Test
  void updateNoteWithImmutableMaskIsInvalidArgument() {
    grafeas.createNote("projects/" + PROJECT, "immutable", attestationNote("qa"));

    assertThatThrownBy(
            () ->
                grafeas.updateNote(
                    noteName("immutable"),
                    Note.newBuilder().setName("projects/grpc/notes/other").build(),
                    FieldMask.newBuilder().addPaths("name").build()))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("name");
  }

  @Test
  void batchCreateNotesCreatesAll() {
    BatchCreateNotesResponse response =
        grafeas.batchCreateNotes(
            "projects/" + PROJECT,
            Map.of("batch-1", attestationNote("1"), "batch-2", attestationNote("2")));

    assertThat(response.getNotesList())
        .extracting(Note::getName)
        .containsExactlyInAnyOrder(noteName("batch-1"), noteName("batch-2"));
    assertThat(grafeas.getNote(noteName("batch-2")).getKind()).isEqualTo(NoteKind.ATTESTATION);
  }

  @Test
  void batchCreateNotesWithInvalidIdStoresNothing() {
    assertThatThrownBy(
            () ->
                grafeas.batchCreateNotes(
                    "projects/" + PROJECT,
                    Map.of("atomic-ok", attestationNote("1"), "bad/id", attestationNote("2"))))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("bad/id");

    assertThatThrownBy(() -> grafeas.getNote(noteName("atomic-ok")))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void deleteNoteRemovesIt() {
    grafeas.createNote("projects/" + PROJECT, "deleted", attestationNote("qa"));

    grafeas.deleteNote(noteName("deleted"));

    assertThatThrownBy(() -> grafeas.getNote(noteName("deleted")))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("Note projects/grpc/notes/deleted not found");
  }

  @Test
  void deleteReferencedNoteIsFailedPrecondition() {
    grafeas.createNote("projects/" + PROJECT, "referenced", attestationNote("qa"));
    grafeas.createOccurrence("projects/" + PROJECT, attestation(noteName("referenced")));

    assertThatThrownBy(() -> grafeas.deleteNote(noteName("referenced")))
        .isInstanceOf(FailedPreconditionException.class)
        .hasMessageContaining("referenced by 1 occurrences");
    assertThat(grafeas.getNote(noteName("referenced")).getName()).isEqualTo(noteName("referenced"));
  }

  @Test
  void createDuplicateNoteIsAlreadyExists() {
    grafeas.createNote("projects/" + PROJECT, "twice", attestationNote("qa"));

    assertThatThrownBy(
            () -> grafeas.createNote("projects/" + PROJECT, "twice", attestationNote("qa")))
        .isInstanceOf(AlreadyExistsException.class)
        .hasMessageContaining("already exists");
  }

  @Test
  void missingNoteIsNotFound() {
    assertThatThrownBy(() -> grafeas.getNote(noteName("absent")))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("projects/grpc/notes/absent");
  }

  @Test
  void malformedNameIsInvalidArgument() {
    assertThatThrownBy(() -> grafeas.getNote("projects/grpc/note/x"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("projects/{project}/notes/{note}");
    assertThatThrownBy(() -> grafeas.getOccurrence("notes/x"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("projects/{project}/occurrences/{occurrence}");
    assertThatThrownBy(() -> grafeas.listNotes("grpc", ""))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("projects/{project}");
  }

  @Test
  void createOccurrenceReturnsStoredOccurrence() {
    grafeas.createNote("projects/" + PROJECT, "attestor", attestationNote("qa"));

    Occurrence created =
        grafeas.createOccurrence("projects/" + PROJECT, attestation(noteName("attestor")));

    assertThat(created.getName()).startsWith("projects/grpc/occurrences/");
    assertThat(created.getKind()).isEqualTo(NoteKind.ATTESTATION);
    assertThat(created.getAttestation().getSignatures(0).getPublicKeyId()).isEqualTo("key-1");
    assertThat(grafeas.getOccurrence(created.getName())).isEqualTo(created);
  }

  @Test
  void vulnerabilityOccurrenceRoundTrips() {
    grafeas.createNote(
        "projects/" + PROJECT,
        "cve",
        Note.newBuilder()
            .setVulnerability(VulnerabilityNote.newBuilder().setSeverity(Severity.HIGH))
            .build());
    Occurrence request =
        Occurrence.newBuilder()
            .setResourceUri(IMAGE)
            .setNoteName(noteName("cve"))
            .setVulnerability(
                VulnerabilityOccurrence.newBuilder()
                    .setEffectiveSeverity(Severity.CRITICAL)
                    .setCvssScore(9.8f)
                    .addPackageIssue(
                        VulnerabilityOccurrence.PackageIssue.newBuilder()
                            .setAffectedCpeUri("cpe:/o:debian:debian_linux:12")
                            .setAffectedPackage("openssl")
                            .setFixAvailable(true)))
            .build();

    Occurrence created = grafeas.createOccurrence("projects/" + PROJECT, request);

    assertThat(created.getKind()).isEqualTo(NoteKind.VULNERABILITY);
    assertThat(created.getVulnerability()).isEqualTo(request.getVulnerability());
  }

  @Test
  void createOccurrenceWithMissingNoteIsInvalidArgument() {
    assertThatThrownBy(
            () -> grafeas.createOccurrence("projects/" + PROJECT, attestation(noteName("none"))))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("note projects/grpc/notes/none does not exist");
  }

  @Test
  void buildOccurrenceWithStructArgumentsRoundTrips() {
    createBuildNote("builder");
    Occurrence request =
        buildOccurrence(
            "builder",
            Any.pack(
                Struct.newBuilder()
                    .putFields("debug", Value.newBuilder().setBoolValue(true).build())
                    .build()));

    Occurrence created = grafeas.createOccurrence("projects/" + PROJECT, request);

    assertThat(created.getKind()).isEqualTo(NoteKind.BUILD);
    assertThat(created.getBuild()).isEqualTo(request.getBuild());
  }

  @Test
  void unsupportedAnyTypeIsInvalidArgument() {
    createBuildNote("any-builder");
    Occurrence request =
        buildOccurrence("any-builder", Any.pack(Duration.newBuilder().setSeconds(5).build()));

    assertThatThrownBy(() -> grafeas.createOccurrence("projects/" + PROJECT, request))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("google.protobuf.Any");
  }

  @Test
  void createOccurrenceWithoutOccurrenceIsInvalidArgument() {
    CreateOccurrenceRequest request =
        CreateOccurrenceRequest.newBuilder().setParent("projects/" + PROJECT).build();

    assertThatThrownBy(() -> grafeas.createOccurrence(request))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("occurrence is required");
  }

  private void createBuildNote(String noteId) {
    grafeas.createNote(
        "projects/" + PROJECT,
        noteId,
        Note.newBuilder().setBuild(BuildNote.newBuilder().setBuilderVersion("1.0")).build());
  }

  private Occurrence buildOccurrence(String noteId, Any argument) {
    return Occurrence.newBuilder()
        .setResourceUri(IMAGE)
        .setNoteName(noteName(noteId))
        .setBuild(
            BuildOccurrence.newBuilder()
                .setIntotoProvenance(
                    InTotoProvenance.newBuilder()
                        .setRecipe(Recipe.newBuilder().setType("make").addArguments(argument))))
        .build();
  }

  @Test
  void listOccurrencesContainsCreated() {
    grafeas.createNote("projects/" + PROJECT, "listed-attestor", attestationNote("qa"));
    Occurrence created =
        grafeas.createOccurrence("projects/" + PROJECT, attestation(noteName("listed-attestor")));

    List<String> names =
        all(grafeas.listOccurrences("projects/" + PROJECT, "").iterateAll())
            .map(Occurrence::getName)
            .toList();

    assertThat(names).contains(created.getName());
  }

  @Test
  void updateOccurrenceChangesMaskedField() {
    grafeas.createNote("projects/" + PROJECT, "update-attestor", attestationNote("qa"));
    Occurrence created =
        grafeas.createOccurrence("projects/" + PROJECT, attestation(noteName("update-attestor")));

    Occurrence updated =
        grafeas.updateOccurrence(
            created.getName(),
            Occurrence.newBuilder().setRemediation("rebuild").build(),
            FieldMask.newBuilder().addPaths("remediation").build());

    assertThat(updated.getRemediation()).isEqualTo("rebuild");
    assertThat(updated.getAttestation()).isEqualTo(created.getAttestation());
    assertThat(grafeas.getOccurrence(created.getName()).getRemediation()).isEqualTo("rebuild");
  }

  @Test
  void batchCreateOccurrencesCreatesAll() {
    grafeas.createNote("projects/" + PROJECT, "batch-attestor", attestationNote("qa"));
    Occurrence item = attestation(noteName("batch-attestor"));

    BatchCreateOccurrencesResponse response =
        grafeas.batchCreateOccurrences("projects/" + PROJECT, List.of(item, item));

    assertThat(response.getOccurrencesCount()).isEqualTo(2);
    assertThat(response.getOccurrences(0).getName())
        .isNotEqualTo(response.getOccurrences(1).getName());
    assertThat(grafeas.getOccurrence(response.getOccurrences(1).getName()).getKind())
        .isEqualTo(NoteKind.ATTESTATION);
  }

  @Test
  void batchCreateOccurrencesNamesInvalidItem() {
    grafeas.createNote("projects/" + PROJECT, "batch-bad", attestationNote("qa"));

    assertThatThrownBy(
            () ->
                grafeas.batchCreateOccurrences(
                    "projects/" + PROJECT,
                    List.of(attestation(noteName("batch-bad")), attestation(noteName("gone")))))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("occurrences[1]");
  }

  @Test
  void deleteOccurrenceRemovesIt() {
    grafeas.createNote("projects/" + PROJECT, "delete-attestor", attestationNote("qa"));
    Occurrence created =
        grafeas.createOccurrence("projects/" + PROJECT, attestation(noteName("delete-attestor")));

    grafeas.deleteOccurrence(created.getName());

    assertThatThrownBy(() -> grafeas.getOccurrence(created.getName()))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void getOccurrenceNoteReturnsItsNote() {
    Note note = grafeas.createNote("projects/" + PROJECT, "owner", attestationNote("qa"));
    Occurrence created =
        grafeas.createOccurrence("projects/" + PROJECT, attestation(noteName("owner")));

    assertThat(grafeas.getOccurrenceNote(created.getName())).isEqualTo(note);
  }

  @Test
  void getOccurrenceNoteOfMissingOccurrenceIsNotFound() {
    assertThatThrownBy(() -> grafeas.getOccurrenceNote("projects/grpc/occurrences/absent"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("projects/grpc/occurrences/absent");
  }

  @Test
  void listNoteOccurrencesSpansProjects() {
    ensureProject("grpc-other");
    grafeas.createNote("projects/" + PROJECT, "shared-attestor", attestationNote("qa"));
    Occurrence here =
        grafeas.createOccurrence("projects/" + PROJECT, attestation(noteName("shared-attestor")));
    Occurrence there =
        grafeas.createOccurrence("projects/grpc-other", attestation(noteName("shared-attestor")));

    List<String> names =
        all(grafeas.listNoteOccurrences(noteName("shared-attestor"), "").iterateAll())
            .map(Occurrence::getName)
            .toList();

    assertThat(names).containsExactly(here.getName(), there.getName());
  }

  @Test
  void listNoteOccurrencesOfMissingNoteIsNotFound() {
    assertThatThrownBy(
            () -> all(grafeas.listNoteOccurrences(noteName("absent"), "").iterateAll()).count())
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void listOccurrencesFiltersAndPages() {
    String parent = "projects/grpc-paged";
    ensureProject("grpc-paged");
    grafeas.createNote(parent, "paged-attestor", attestationNote("qa"));
    String noteName = parent + "/notes/paged-attestor";
    List<String> matching = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      matching.add(grafeas.createOccurrence(parent, attestation(noteName)).getName());
      grafeas.createOccurrence(
          parent, attestation(noteName).toBuilder().setResourceUri("OTHER").build());
    }
    String filter = "resourceUri=\"" + IMAGE + "\"";
    ListOccurrencesRequest first =
        ListOccurrencesRequest.newBuilder()
            .setParent(parent)
            .setFilter(filter)
            .setPageSize(2)
            .build();

    ListOccurrencesResponse page1 = grafeas.listOccurrencesCallable().call(first);
    ListOccurrencesResponse page2 =
        grafeas
            .listOccurrencesCallable()
            .call(first.toBuilder().setPageToken(page1.getNextPageToken()).build());

    assertThat(page1.getOccurrencesList())
        .extracting(Occurrence::getName)
        .isEqualTo(matching.subList(0, 2));
    assertThat(page1.getNextPageToken()).isNotEmpty();
    assertThat(page2.getOccurrencesList())
        .extracting(Occurrence::getName)
        .isEqualTo(matching.subList(2, 3));
    assertThat(page2.getNextPageToken()).isEmpty();
    List<String> iterated =
        all(grafeas.listOccurrences(first.toBuilder().setPageSize(1).build()).iterateAll())
            .map(Occurrence::getName)
            .toList();
    assertThat(iterated).isEqualTo(matching);
  }

  @Test
  void listNotesAndNoteOccurrencesPageWithFilter() {
    String parent = "projects/grpc-paged-notes";
    ensureProject("grpc-paged-notes");
    grafeas.createNote(parent, "keep-1", attestationNote("a"));
    grafeas.createNote(parent, "skip", attestationNote("b"));
    grafeas.createNote(parent, "keep-2", attestationNote("c"));
    ListNotesRequest notesRequest =
        ListNotesRequest.newBuilder()
            .setParent(parent)
            .setFilter("noteId=\"keep-1\" OR noteId=\"keep-2\"")
            .setPageSize(1)
            .build();

    ListNotesResponse notesPage1 = grafeas.listNotesCallable().call(notesRequest);
    ListNotesResponse notesPage2 =
        grafeas
            .listNotesCallable()
            .call(notesRequest.toBuilder().setPageToken(notesPage1.getNextPageToken()).build());

    assertThat(notesPage1.getNotesList())
        .extracting(Note::getName)
        .containsExactly(parent + "/notes/keep-1");
    assertThat(notesPage2.getNotesList())
        .extracting(Note::getName)
        .containsExactly(parent + "/notes/keep-2");
    assertThat(notesPage2.getNextPageToken()).isEmpty();

    String noteName = parent + "/notes/keep-1";
    Occurrence first = grafeas.createOccurrence(parent, attestation(noteName));
    grafeas.createOccurrence(
        parent, attestation(noteName).toBuilder().setResourceUri("OTHER").build());
    Occurrence second = grafeas.createOccurrence(parent, attestation(noteName));
    ListNoteOccurrencesRequest occurrencesRequest =
        ListNoteOccurrencesRequest.newBuilder()
            .setName(noteName)
            .setFilter("resourceUri=\"" + IMAGE + "\"")
            .setPageSize(1)
            .build();

    ListNoteOccurrencesResponse occurrencesPage1 =
        grafeas.listNoteOccurrencesCallable().call(occurrencesRequest);
    ListNoteOccurrencesResponse occurrencesPage2 =
        grafeas
            .listNoteOccurrencesCallable()
            .call(
                occurrencesRequest.toBuilder()
                    .setPageToken(occurrencesPage1.getNextPageToken())
                    .build());

    assertThat(occurrencesPage1.getOccurrencesList())
        .extracting(Occurrence::getName)
        .containsExactly(first.getName());
    assertThat(occurrencesPage2.getOccurrencesList())
        .extracting(Occurrence::getName)
        .containsExactly(second.getName());
    assertThat(occurrencesPage2.getNextPageToken()).isEmpty();
  }

  @Test
  void pageTokenOfOtherFilterIsInvalidArgument() {
    String parent = "projects/" + PROJECT;
    grafeas.createNote(parent, "token-attestor-1", attestationNote("a"));
    grafeas.createNote(parent, "token-attestor-2", attestationNote("b"));
    ListNotesRequest request =
        ListNotesRequest.newBuilder()
            .setParent(parent)
            .setFilter("noteId=\"token-attestor-1\" OR noteId=\"token-attestor-2\"")
            .setPageSize(1)
            .build();
    String token = grafeas.listNotesCallable().call(request).getNextPageToken();

    assertThat(token).isNotEmpty();
    assertThatThrownBy(
            () ->
                grafeas
                    .listNotesCallable()
                    .call(request.toBuilder().setFilter("").setPageToken(token).build()))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("Invalid pageToken");
  }

  @Test
  void invalidFilterOrPageSizeIsInvalidArgument() {
    ListOccurrencesRequest request =
        ListOccurrencesRequest.newBuilder().setParent("projects/" + PROJECT).build();

    assertThatThrownBy(
            () ->
                grafeas
                    .listOccurrencesCallable()
                    .call(request.toBuilder().setFilter("colour=\"red\"").build()))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("unknown field 'colour'");
    assertThatThrownBy(
            () ->
                grafeas.listOccurrencesCallable().call(request.toBuilder().setPageSize(-1).build()))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("Invalid pageSize -1");
  }

  @Test
  void callWithoutTokenIsUnauthenticated() throws Exception {
    try (GrafeasClients anonymous = GrafeasClients.connect(root.getPort(), null)) {
      assertThatThrownBy(() -> anonymous.client().getNote(noteName("any")))
          .isInstanceOf(UnauthenticatedException.class)
          .hasMessageContaining("no bearer token");
    }
  }

  @Test
  void callWithUnknownTokenIsUnauthenticated() throws Exception {
    try (GrafeasClients stranger = GrafeasClients.connect(root.getPort(), "not-a-token")) {
      assertThatThrownBy(
              () ->
                  all(stranger.client().listNotes("projects/" + PROJECT, "").iterateAll()).count())
          .isInstanceOf(UnauthenticatedException.class)
          .hasMessageContaining("not valid");
    }
  }

  @Test
  void readerCannotCreateNote() throws Exception {
    try (GrafeasClients reader =
        GrafeasClients.connect(root.getPort(), AccessTestProfile.READER_TOKEN)) {
      assertThatThrownBy(
              () ->
                  reader
                      .client()
                      .createNote("projects/" + PROJECT, "forbidden", attestationNote("qa")))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessageContaining("notes.create")
          .hasMessageContaining("projects/grpc")
          .hasMessageContaining("reader");
    }

    assertThatThrownBy(() -> grafeas.getNote(noteName("forbidden")))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void errorStatusCodesAreTheGrafeasOnes() {
    ApiException notFound =
        (ApiException) catchThrowable(() -> grafeas.getNote(noteName("absent-code")));

    assertThat(notFound.getStatusCode().getCode()).isEqualTo(StatusCode.Code.NOT_FOUND);
    assertThat(notFound.isRetryable()).isFalse();
  }

  private static <T> Stream<T> all(Iterable<T> items) {
    return StreamSupport.stream(items.spliterator(), false);
  }

  private static Throwable catchThrowable(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("The call succeeded, but an error was expected");
  }
}
