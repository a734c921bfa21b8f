package dev.custos.metadata.note;

import static dev.custos.metadata.GrafeasApi.api;
import static dev.custos.metadata.GrafeasApi.createAttestationNote;
import static dev.custos.metadata.GrafeasApi.ensureProject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.custos.embedded.EmbeddedServersResource;
import dev.custos.embedded.InjectTestInfrastructure;
import dev.custos.embedded.TestInfrastructure;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class NoteResourceTest {
  private static final String NOTES = "/v1/projects/p/notes";
  private static final String QA = "\"attestation\":{\"hint\":{\"humanReadableName\":\"qa\"}}";

  @InjectTestInfrastructure TestInfrastructure infrastructure;

  @BeforeEach
  void createProjects() {
    ensureProject("p");
    ensureProject("p2");
  }

  @Test
  void createSetsServerFields() {
    api()
        .queryParam("noteId", "created")
        .body(
            "{\"shortDescription\":\"QA\",\"attestation\":{\"hint\":{\"humanReadableName\":\"qa\"}}}")
        .post(NOTES)
        .then()
        .statusCode(200)
        .body("name", equalTo("projects/p/notes/created"))
        .body("kind", equalTo("ATTESTATION"))
        .body("shortDescription", equalTo("QA"))
        .body("attestation.hint.humanReadableName", equalTo("qa"))
        .body("createTime", notNullValue())
        .body("updateTime", notNullValue());
  }

  @Test
  void serverOverridesClientTimes() {
    api()
        .queryParam("noteId", "timed")
        .body(
            "{\"createTime\":\"2001-01-01T00:00:00Z\","
                + "\"attestation\":{\"hint\":{\"humanReadableName\":\"qa\"}}}")
        .post(NOTES)
        .then()
        .statusCode(200)
        .body("createTime", not(startsWith("2001")));
  }

  @Test
  void kindDerivedFromVulnerability() {
    api()
        .queryParam("noteId", "CVE-2024-0001")
        .body("{\"vulnerability\":{\"severity\":\"HIGH\",\"cvssScore\":7.5}}")
        .post(NOTES)
        .then()
        .statusCode(200)
        .body("kind", equalTo("VULNERABILITY"))
        .body("vulnerability.severity", equalTo("HIGH"))
        .body("vulnerability.cvssScore", equalTo(7.5f));
  }

  @Test
  void matchingClientKindIsAccepted() {
    api()
        .queryParam("noteId", "build-kind")
        .body("{\"kind\":\"BUILD\",\"build\":{\"builderVersion\":\"1\"}}")
        .post(NOTES)
        .then()
        .statusCode(200)
        .body("kind", equalTo("BUILD"));
  }

  @Test
  void contradictingKindIsRejected() {
    api()
        .queryParam("noteId", "contradiction")
        .body("{\"kind\":\"BUILD\",\"attestation\":{\"hint\":{\"humanReadableName\":\"qa\"}}}")
        .post(NOTES)
        .then()
        .statusCode(400)
        .body("error.status", equalTo("INVALID_ARGUMENT"))
        .body("error.message", containsString("Invalid kind BUILD"))
        .body("error.message", containsString("ATTESTATION"));

    api().get(NOTES + "/contradiction").then().statusCode(404);
  }

  @Test
  void noteWithoutDetailsIsRejected() {
    api()
        .queryParam("noteId", "bare")
        .body("{\"shortDescription\":\"nothing\"}")
        .post(NOTES)
        .then()
        .statusCode(400)
        .body("error.message", containsString("has no details"))
        .body("error.message", containsString("attestation"));
  }

  @Test
  void legacyAuthorityNoteReadsAsV1() {
    api()
        .queryParam("noteId", "qa")
        .body(
            "{\"name\":\"projects/p/notes/qa\",\"shortDescription\":\"Image signing authority\","
                + "\"kind\":\"ATTESTATION_AUTHORITY\","
                + "\"attestationAuthority\":{\"hint\":{\"humanReadableName\":\"qa\"}}}")
        .post(NOTES)
        .then()
        .statusCode(200);

    api()
        .get(NOTES + "/qa")
        .then()
        .statusCode(200)
        .body("kind", equalTo("ATTESTATION"))
        .body("attestation.hint.humanReadableName", equalTo("qa"))
        .body("attestationAuthority", nullValue());
  }

  @Test
  void getReturnsStoredNote() {
    createAttestationNote("p", "fetched");

    api()
        .get(NOTES + "/fetched")
        .then()
        .statusCode(200)
        .body("name", equalTo("projects/p/notes/fetched"))
        .body("attestation.hint.humanReadableName", equalTo("fetched"));
  }

  @Test
  void listReturnsOnlyOwnProject() {
    createAttestationNote("p", "mine");
    createAttestationNote("p2", "theirs");

    api()
        .get(NOTES)
        .then()
        .statusCode(200)
        .body("notes.name", hasItem("projects/p/notes/mine"))
        .body("notes.name", not(hasItem("projects/p2/notes/theirs")));
  }

  @Test
  void otherProjectPathIsNotFound() {
    createAttestationNote("p", "private");

    api().get("/v1/projects/p2/notes/private").then().statusCode(404);
    api().delete("/v1/projects/p2/notes/private").then().statusCode(404);
    api().get(NOTES + "/private").then().statusCode(200);
  }

  @Test
  void deleteRemovesNote() {
    createAttestationNote("p", "removed");

    api().delete(NOTES + "/removed").then().statusCode(200).body(equalTo("{}"));

    api()
        .get(NOTES + "/removed")
        .then()
        .statusCode(404)
        .body("error.message", equalTo("Note projects/p/notes/removed not found"));
  }

  @Test
  void duplicateIdIsAlreadyExists() {
    createAttestationNote("p", "once");

    api()
        .queryParam("noteId", "once")
        .body("{\"attestation\":{\"hint\":{\"humanReadableName\":\"again\"}}}")
        .post(NOTES)
        .then()
        .statusCode(409)
        .body("error.status", equalTo("ALREADY_EXISTS"))
        .body("error.message", equalTo("Note projects/p/notes/once already exists"));
  }

  @Test
  void missingNoteIdIsRejected() {
    api()
        .body("{\"attestation\":{\"hint\":{\"humanReadableName\":\"qa\"}}}")
        .post(NOTES)
        .then()
        .statusCode(400)
        .body("error.message", containsString("note id is required"))
        .body("error.message", containsString("projects/{project}/notes/{note}"));
  }

  @Test
  void noteIdWithSlashIsRejected() {
    api()
        .queryParam("noteId", "a/b")
        .body("{\"attestation\":{\"hint\":{\"humanReadableName\":\"qa\"}}}")
        .post(NOTES)
        .then()
        .statusCode(400)
        .body("error.status", equalTo("INVALID_ARGUMENT"))
        .body("error.message", containsString("'a/b'"))
        .body("error.message", containsString("projects/{project}/notes/{note}"));
  }

  @Test
  void encodedSlashInPathIsRejected() {
    api()
        .urlEncodingEnabled(false)
        .get("/v1/projects/p/notes/a%2Fb")
        .then()
        .statusCode(400)
        .body("error.message", containsString("projects/{project}/notes/{note}"));
  }

  @Test
  void unknownFieldIsNamed() {
    api()
        .queryParam("noteId", "coloured")
        .body("{\"colour\":\"red\",\"attestation\":{\"hint\":{\"humanReadableName\":\"qa\"}}}")
        .post(NOTES)
        .then()
        .statusCode(400)
        .body("error.status", equalTo("INVALID_ARGUMENT"))
        .body("error.message", containsString("colour"));
  }

  @Test
  void unknownEnumValueIsRejected() {
    api()
        .queryParam("noteId", "severe")
        .body("{\"vulnerability\":{\"severity\":\"APOCALYPTIC\"}}")
        .post(NOTES)
        .then()
        .statusCode(400)
        .body("error.message", containsString("APOCALYPTIC"));
  }

  @Test
  void missingProjectIsNotFound() {
    api()
        .queryParam("noteId", "orphan")
        .body("{\"attestation\":{\"hint\":{\"humanReadableName\":\"qa\"}}}")
        .post("/v1/projects/absent/notes")
        .then()
        .statusCode(404)
        .body("error.message", equalTo("Project projects/absent not found"));
  }

  @ParameterizedTest
  @MethodSource("mutableNoteFields")
  void patchChangesMaskedField(String mask, String body, String path, String expected) {
    String noteId = "mask-" + mask;
    createNote(noteId, "{\"shortDescription\":\"old\",\"longDescription\":\"kept\"," + QA + "}");

    api()
        .queryParam("updateMask", mask)
        .body(body)
        .patch(NOTES + "/" + noteId)
        .then()
        .statusCode(200)
        .body(path, equalTo(expected))
        .body("name", equalTo("projects/p/notes/" + noteId))
        .body("kind", equalTo("ATTESTATION"));
    api().get(NOTES + "/" + noteId).then().statusCode(200).body(path, equalTo(expected));
  }

  static Stream<Arguments> mutableNoteFields() {
    return Stream.of(
        Arguments.of(
            "shortDescription", "{\"shortDescription\":\"new\"}", "shortDescription", "new"),
        Arguments.of(
            "longDescription", "{\"longDescription\":\"long\"}", "longDescription", "long"),
        Arguments.of(
            "relatedUrl",
            "{\"relatedUrl\":[{\"url\":\"https://docs.example.com\",\"label\":\"docs\"}]}",
            "relatedUrl[0].url",
            "https://docs.example.com"),
        Arguments.of(
            "expirationTime",
            "{\"expirationTime\":\"2030-01-01T00:00:00Z\"}",
            "expirationTime",
            "2030-01-01T00:00:00Z"),
        Arguments.of(
            "relatedNoteNames",
            "{\"relatedNoteNames\":[\"projects/p/notes/other\"]}",
            "relatedNoteNames[0]",
            "projects/p/notes/other"),
        Arguments.of(
            "attestation.hint.humanReadableName",
            "{\"attestation\":{\"hint\":{\"humanReadableName\":\"renamed\"}}}",
            "attestation.hint.humanReadableName",
            "renamed"),
        Arguments.of(
            "attestation",
            "{\"attestation\":{\"hint\":{\"humanReadableName\":\"whole\"}}}",
            "attestation.hint.humanReadableName",
            "whole"));
  }

  @Test
  void patchLeavesUnmaskedFields() {
    createNote(
        "unmasked", "{\"shortDescription\":\"old\",\"longDescription\":\"kept\"," + QA + "}");

    api()
        .queryParam("updateMask", "shortDescription")
        .body("{\"shortDescription\":\"new\",\"longDescription\":\"ignored\"}")
        .patch(NOTES + "/unmasked")
        .then()
        .statusCode(200)
        .body("shortDescription", equalTo("new"))
        .body("longDescription", equalTo("kept"))
        .body("attestation.hint.humanReadableName", equalTo("qa"));
  }

  @Test
  void maskedAbsentFieldIsCleared() {
    createNote("cleared", "{\"shortDescription\":\"old\"," + QA + "}");

    api()
        .queryParam("updateMask", "shortDescription")
        .body("{}")
        .patch(NOTES + "/cleared")
        .then()
        .statusCode(200)
        .body("shortDescription", nullValue());
  }

  @Test
  void starMaskReplacesWholeNote() {
    createNote("star", "{\"shortDescription\":\"old\",\"longDescription\":\"old\"," + QA + "}");

    api()
        .queryParam("updateMask", "*")
        .body("{\"longDescription\":\"new\"," + QA + "}")
        .patch(NOTES + "/star")
        .then()
        .statusCode(200)
        .body("shortDescription", nullValue())
        .body("longDescription", equalTo("new"))
        .body("name", equalTo("projects/p/notes/star"))
        .body("kind", equalTo("ATTESTATION"))
        .body("createTime", notNullValue());
  }

  @Test
  void patchSetsUpdateTime() {
    String created = createNote("timed-update", "{" + QA + "}");
    String createTime = JsonPath.from(created).getString("createTime");

    api()
        .queryParam("updateMask", "shortDescription")
        .body("{\"shortDescription\":\"new\",\"updateTime\":\"2001-01-01T00:00:00Z\"}")
        .patch(NOTES + "/timed-update")
        .then()
        .statusCode(200)
        .body("createTime", equalTo(createTime))
        .body("updateTime", not(equalTo(JsonPath.from(created).getString("updateTime"))))
        .body("updateTime", not(startsWith("2001")));
  }

  @Test
  void unknownMaskPathIsNamed() {
    createNote("unknown-path", "{" + QA + "}");

    api()
        .queryParam("updateMask", "shortDescription,attestation.bogusField")
        .body("{\"shortDescription\":\"new\"}")
        .patch(NOTES + "/unknown-path")
        .then()
        .statusCode(400)
        .body("error.status", equalTo("INVALID_ARGUMENT"))
        .body("error.message", containsString("\"attestation.bogusField\""));
    api().get(NOTES + "/unknown-path").then().body("shortDescription", nullValue());
  }

  @ParameterizedTest
  @ValueSource(strings = {"name", "kind", "createTime", "updateTime"})
  void immutableMaskPathIsRejected(String field) {
    createNote("immutable-" + field, "{" + QA + "}");

    api()
        .queryParam("updateMask", field)
        .body("{}")
        .patch(NOTES + "/immutable-" + field)
        .then()
        .statusCode(400)
        .body("error.message", containsString("\"" + field + "\" is immutable"));
  }

  @Test
  void noMaskReplacesBodyFields() {
    createNote("no-mask", "{\"shortDescription\":\"old\",\"longDescription\":\"kept\"," + QA + "}");

    api()
        .body("{\"name\":\"projects/p/notes/no-mask\",\"shortDescription\":\"new\"}")
        .patch(NOTES + "/no-mask")
        .then()
        .statusCode(200)
        .body("shortDescription", equalTo("new"))
        .body("longDescription", equalTo("kept"));
  }

  @Test
  void noMaskNameChangeIsRejected() {
    createNote("renamed", "{" + QA + "}");

    api()
        .body("{\"name\":\"projects/p/notes/other\"}")
        .patch(NOTES + "/renamed")
        .then()
        .statusCode(400)
        .body("error.message", containsString("Invalid name: the field is immutable"));
  }

  @Test
  void detailSwitchIsRejected() {
    createNote("switch", "{" + QA + "}");

    api()
        .queryParam("updateMask", "vulnerability")
        .body("{\"vulnerability\":{\"severity\":\"LOW\"}}")
        .patch(NOTES + "/switch")
        .then()
        .statusCode(400)
        .body("error.message", containsString("Invalid kind ATTESTATION"));
    api().get(NOTES + "/switch").then().body("kind", equalTo("ATTESTATION"));
  }

  @Test
  void patchMissingNoteIsNotFound() {
    api()
        .queryParam("updateMask", "shortDescription")
        .body("{}")
        .patch(NOTES + "/absent")
        .then()
        .statusCode(404);
  }

  @Test
  void batchCreateReturnsNotes() {
    api()
        .body("{\"notes\":{\"batch-a\":{" + QA + "},\"batch-b\":{" + QA + "}}}")
        .urlEncodingEnabled(false)
        .post(NOTES + ":batchCreate")
        .then()
        .log()
        .all()
        .statusCode(200)
        .body("notes.name", contains("projects/p/notes/batch-a", "projects/p/notes/batch-b"))
        .body("notes[0].kind", equalTo("ATTESTATION"))
        .body("notes[1].createTime", notNullValue());
    api().get(NOTES + "/batch-b").then().statusCode(200);
  }

  @Test
  void batchInvalidItemStoresNothing() throws SQLException {
    api()
        .body(
            "{\"notes\":{\"atomic-1\":{"
                + QA
                + "},\"atomic-2\":{\"shortDescription\":\"no details\"},\"atomic-3\":{"
                + QA
                + "}}}")
        .urlEncodingEnabled(false)
        .post(NOTES + ":batchCreate")
        .then()
        .statusCode(400)
        .body("error.message", startsWith("notes[\"atomic-2\"]: "));

    assertThat(countNotes("projects/p/notes/atomic-%")).isZero();
  }

  @Test
  void batchExistingIdStoresNothing() throws SQLException {
    createNote("taken", "{" + QA + "}");

    api()
        .body("{\"notes\":{\"fresh-1\":{" + QA + "},\"taken\":{" + QA + "}}}")
        .urlEncodingEnabled(false)
        .post(NOTES + ":batchCreate")
        .then()
        .statusCode(409)
        .body("error.status", equalTo("ALREADY_EXISTS"))
        .body("error.message", startsWith("notes[\"taken\"]: "));

    assertThat(countNotes("projects/p/notes/fresh-%")).isZero();
  }

  @Test
  void batchDuplicateIdIsRejected() throws SQLException {
    api()
        .body("{\"notes\":{\"twice\":{" + QA + "},\"twice\":{" + QA + "}}}")
        .urlEncodingEnabled(false)
        .post(NOTES + ":batchCreate")
        .then()
        .statusCode(400)
        .body("error.message", containsString("Duplicate field 'twice'"));

    assertThat(countNotes("projects/p/notes/twice")).isZero();
  }

  @Test
  void batchBadIdIsNamed() {
    api()
        .body("{\"notes\":{\".hidden\":{" + QA + "}}}")
        .urlEncodingEnabled(false)
        .post(NOTES + ":batchCreate")
        .then()
        .statusCode(400)
        .body("error.message", startsWith("notes[\".hidden\"]: "));
  }

  @Test
  void batchOverLimitIsRejected() throws SQLException {
    StringBuilder body = new StringBuilder("{\"notes\":{");
    for (int i = 0; i < 1001; i++) {
      body.append(i == 0 ? "" : ",")
          .append("\"limit-")
          .append(i)
          .append("\":{")
          .append(QA)
          .append('}');
    }
    body.append("}}");

    api()
        .body(body.toString())
        .urlEncodingEnabled(false)
        .post(NOTES + ":batchCreate")
        .then()
        .statusCode(400)
        .body("error.message", containsString("maximum in one batch is 1000"));
    assertThat(countNotes("projects/p/notes/limit-%")).isZero();
  }

  private static String createNote(String noteId, String body) {
    return api()
        .queryParam("noteId", noteId)
        .body(body)
        .post(NOTES)
        .then()
        .statusCode(200)
        .extract()
        .asString();
  }

  private long countNotes(String namePattern) throws SQLException {
    try (Connection connection = infrastructure.connect();
        PreparedStatement statement =
            connection.prepareStatement("SELECT count(*) FROM notes WHERE name LIKE ?")) {
      statement.setString(1, namePattern);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }
}
