package dev.custos.metadata.note;

import static dev.custos.metadata.GrafeasApi.api;
import static dev.custos.metadata.GrafeasApi.createAttestationNote;
import static dev.custos.metadata.GrafeasApi.ensureProject;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.custos.embedded.EmbeddedServersResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class NoteResourceTest {
  private static final String NOTES = "/v1/projects/p/notes";

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
}
