package dev.custos.metadata.auth;

import static dev.custos.metadata.GrafeasApi.api;
import static dev.custos.metadata.GrafeasApi.createAttestationNote;
import static dev.custos.metadata.GrafeasApi.ensureProject;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.custos.embedded.EmbeddedServersResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Authentication and per-project permissions on every REST route: 401 without a configured token,
 * 403 naming the permission and the project without a grant, and the rule that an occurrence needs
 * notes.attachOccurrence on its note's project.
 */
@QuarkusTest
@TestProfile(AccessTestProfile.class)
@WithTestResource(EmbeddedServersResource.class)
class RestAccessTest {
  private static final String IMAGE =
      "https://registry.example.com/app@sha256:"
          + "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  /** A route, the permission it needs and the project on which it is checked. */
  private record Route(
      String method, String path, String body, String permission, String project) {}

  private String occurrenceId;

  @BeforeEach
  void createFixtures() {
    ensureProject("team-a");
    ensureProject("shared");
    if (noteMissing("team-a", "local")) {
      createAttestationNote("team-a", "local");
    }
    if (noteMissing("shared", "base")) {
      createAttestationNote("shared", "base");
    }
    occurrenceId = createOccurrence("team-a", "projects/team-a/notes/local");
  }

  private static boolean noteMissing(String project, String note) {
    return api().get("/v1/projects/" + project + "/notes/" + note).statusCode() == 404;
  }

  private static String occurrenceBody(String noteName) {
    return "{\"resourceUri\":\""
        + IMAGE
        + "\",\"noteName\":\""
        + noteName
        + "\",\"attestation\":{\"serializedPayload\":\"e30=\"}}";
  }

  private static String createOccurrence(String project, String noteName) {
    String name =
        api()
            .body(occurrenceBody(noteName))
            .post("/v1/projects/" + project + "/occurrences")
            .then()
            .statusCode(200)
            .extract()
            .path("name");

    return name.substring(name.lastIndexOf('/') + 1);
  }

  /**
   * Starts a request with the token, or none if it is null, that sends the batch colon unencoded.
   */
  private static RequestSpecification as(String token) {
    RequestSpecification request =
        given()
            .config(
                RestAssuredConfig.config()
                    .encoderConfig(
                        EncoderConfig.encoderConfig()
                            .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
            .urlEncodingEnabled(false)
            .contentType(ContentType.JSON);

    return token == null ? request : request.auth().oauth2(token);
  }

  private List<Route> routes() {
    String occurrences = "/v1/projects/team-a/occurrences";
    String occurrence = occurrences + "/" + occurrenceId;
    return List.of(
        new Route(
            "POST",
            "/v1/projects",
            "{\"name\":\"projects/team-new\"}",
            "projects.create",
            "projects/team-new"),
        new Route("GET", "/v1/projects", null, "projects.list", "all projects"),
        new Route("GET", "/v1/projects/team-a", null, "projects.get", "projects/team-a"),
        new Route("DELETE", "/v1/projects/team-a", null, "projects.delete", "projects/team-a"),
        new Route(
            "POST",
            "/v1/projects/team-a/notes?noteId=new",
            "{\"attestation\":{}}",
            "notes.create",
            "projects/team-a"),
        new Route("GET", "/v1/projects/team-a/notes", null, "notes.list", "projects/team-a"),
        new Route("GET", "/v1/projects/team-a/notes/local", null, "notes.get", "projects/team-a"),
        new Route(
            "PATCH",
            "/v1/projects/team-a/notes/local",
            "{\"shortDescription\":\"x\"}",
            "notes.update",
            "projects/team-a"),
        new Route(
            "DELETE", "/v1/projects/team-a/notes/local", null, "notes.delete", "projects/team-a"),
        new Route(
            "POST",
            "/v1/projects/team-a/notes:batchCreate",
            "{\"notes\":{\"new\":{\"attestation\":{}}}}",
            "notes.create",
            "projects/team-a"),
        new Route(
            "GET",
            "/v1/projects/team-a/notes/local/occurrences",
            null,
            "notes.listOccurrences",
            "projects/team-a"),
        new Route(
            "POST",
            occurrences,
            occurrenceBody("projects/team-a/notes/local"),
            "occurrences.create",
            "projects/team-a"),
        new Route("GET", occurrences, null, "occurrences.list", "projects/team-a"),
        new Route("GET", occurrence, null, "occurrences.get", "projects/team-a"),
        new Route(
            "PATCH",
            occurrence + "?updateMask=remediation",
            "{\"remediation\":\"x\"}",
            "occurrences.update",
            "projects/team-a"),
        new Route("DELETE", occurrence, null, "occurrences.delete", "projects/team-a"),
        new Route(
            "POST",
            occurrences + ":batchCreate",
            "{\"occurrences\":[" + occurrenceBody("projects/team-a/notes/local") + "]}",
            "occurrences.create",
            "projects/team-a"),
        new Route("GET", occurrence + "/notes", null, "occurrences.get", "projects/team-a"),
        new Route(
            "GET",
            occurrences + ":vulnerabilitySummary",
            null,
            "occurrences.list",
            "projects/team-a"));
  }

  private static Response call(String token, Route route) {
    RequestSpecification request = as(token);
    if (route.body() != null) {
      request.body(route.body());
    }

    return request.request(route.method(), route.path());
  }

  @Test
  void everyRouteWithoutTokenIsUnauthenticated() {
    for (Route route : routes()) {
      call(null, route)
          .then()
          .statusCode(401)
          .header("WWW-Authenticate", equalTo("Bearer"))
          .body("error.status", equalTo("UNAUTHENTICATED"));
    }
  }

  @Test
  void everyRouteWithUnknownTokenIsUnauthenticated() {
    for (Route route : routes()) {
      call("unknown-token", route)
          .then()
          .statusCode(401)
          .body("error.message", equalTo("The bearer token is not valid"));
    }
  }

  @Test
  void everyRouteWithoutGrantIsPermissionDenied() {
    for (Route route : routes()) {
      call(AccessTestProfile.NO_GRANTS_TOKEN, route)
          .then()
          .statusCode(403)
          .body("error.code", equalTo(403))
          .body("error.status", equalTo("PERMISSION_DENIED"))
          .body("error.message", containsString("Permission " + route.permission() + " denied"))
          .body("error.message", containsString(route.project()))
          .body("error.message", containsString("principal no-grants"));
    }

    api().get("/v1/projects/team-a/notes/local").then().statusCode(200);
    api().get("/v1/projects/team-a/occurrences/" + occurrenceId).then().statusCode(200);
    api().get("/v1/projects/team-new").then().statusCode(404);
    api().get("/v1/projects/team-a/notes/new").then().statusCode(404);
  }

  @Test
  void readerReadsButCannotWrite() {
    as(AccessTestProfile.READER_TOKEN).get("/v1/projects/shared/notes/base").then().statusCode(200);
    as(AccessTestProfile.READER_TOKEN)
        .get("/v1/projects/team-a/occurrences/" + occurrenceId + "/notes")
        .then()
        .statusCode(200)
        .body("name", equalTo("projects/team-a/notes/local"));
    as(AccessTestProfile.READER_TOKEN)
        .get("/v1/projects/team-a/notes/local/occurrences")
        .then()
        .statusCode(200);
    as(AccessTestProfile.READER_TOKEN)
        .get("/v1/projects/team-a/occurrences:vulnerabilitySummary")
        .then()
        .statusCode(200);

    as(AccessTestProfile.READER_TOKEN)
        .delete("/v1/projects/team-a/occurrences/" + occurrenceId)
        .then()
        .statusCode(403)
        .body("error.message", containsString("occurrences.delete"));
    api().get("/v1/projects/team-a/occurrences/" + occurrenceId).then().statusCode(200);
  }

  @Test
  void writerCannotWriteInOtherProject() {
    as(AccessTestProfile.TEAM_A_WRITER_TOKEN)
        .body("{\"attestation\":{}}")
        .post("/v1/projects/shared/notes?noteId=intruder")
        .then()
        .statusCode(403)
        .body("error.message", containsString("notes.create denied on projects/shared"));
    as(AccessTestProfile.TEAM_A_WRITER_TOKEN)
        .get("/v1/projects/shared/notes")
        .then()
        .statusCode(403)
        .body("error.message", containsString("notes.list denied on projects/shared"));
  }

  @Test
  void writerAttachesToNoteOfOwnProject() {
    as(AccessTestProfile.TEAM_A_WRITER_TOKEN)
        .body(occurrenceBody("projects/team-a/notes/local"))
        .post("/v1/projects/team-a/occurrences")
        .then()
        .statusCode(200)
        .body("noteName", equalTo("projects/team-a/notes/local"));
  }

  @Test
  void createAcrossProjectsNeedsAttachOccurrence() {
    int before = countOccurrences("team-a");

    as(AccessTestProfile.TEAM_A_WRITER_TOKEN)
        .body(occurrenceBody("projects/shared/notes/base"))
        .post("/v1/projects/team-a/occurrences")
        .then()
        .statusCode(403)
        .body("error.status", equalTo("PERMISSION_DENIED"))
        .body(
            "error.message",
            containsString("Permission notes.attachOccurrence denied on projects/shared"));

    assertThat(countOccurrences("team-a")).isEqualTo(before);

    as(AccessTestProfile.SCANNER_TOKEN)
        .body(occurrenceBody("projects/shared/notes/base"))
        .post("/v1/projects/team-a/occurrences")
        .then()
        .statusCode(200)
        .body("noteName", equalTo("projects/shared/notes/base"));
  }

  @Test
  void attachCheckComesBeforeNoteLookup() {
    as(AccessTestProfile.TEAM_A_WRITER_TOKEN)
        .body(occurrenceBody("projects/shared/notes/does-not-exist"))
        .post("/v1/projects/team-a/occurrences")
        .then()
        .statusCode(403)
        .body("error.message", containsString("notes.attachOccurrence"));
  }

  @Test
  void batchAcrossProjectsNamesItemWithoutAttach() {
    int before = countOccurrences("team-a");
    String body =
        "{\"occurrences\":["
            + occurrenceBody("projects/team-a/notes/local")
            + ","
            + occurrenceBody("projects/shared/notes/base")
            + "]}";

    as(AccessTestProfile.TEAM_A_WRITER_TOKEN)
        .body(body)
        .post("/v1/projects/team-a/occurrences:batchCreate")
        .then()
        .statusCode(403)
        .body("error.message", containsString("occurrences[1]: Permission notes.attachOccurrence"));
    assertThat(countOccurrences("team-a")).isEqualTo(before);

    as(AccessTestProfile.SCANNER_TOKEN)
        .body(body)
        .post("/v1/projects/team-a/occurrences:batchCreate")
        .then()
        .statusCode(200)
        .body("occurrences.size()", equalTo(2));
  }

  @Test
  void updateAcrossProjectsNeedsAttachOccurrence() {
    String shared = createOccurrence("team-a", "projects/shared/notes/base");
    String path = "/v1/projects/team-a/occurrences/" + shared + "?updateMask=remediation";

    as(AccessTestProfile.TEAM_A_WRITER_TOKEN)
        .body("{\"remediation\":\"denied\"}")
        .patch(path)
        .then()
        .statusCode(403)
        .body("error.message", containsString("notes.attachOccurrence denied on projects/shared"));
    api()
        .get("/v1/projects/team-a/occurrences/" + shared)
        .then()
        .body("remediation", equalTo(null));

    as(AccessTestProfile.SCANNER_TOKEN)
        .body("{\"remediation\":\"allowed\"}")
        .patch(path)
        .then()
        .statusCode(200)
        .body("remediation", equalTo("allowed"));
  }

  @Test
  void deleteAcrossProjectsNeedsOnlyOccurrencesDelete() {
    String shared = createOccurrence("team-a", "projects/shared/notes/base");

    as(AccessTestProfile.TEAM_A_WRITER_TOKEN)
        .delete("/v1/projects/team-a/occurrences/" + shared)
        .then()
        .statusCode(200);
  }

  @Test
  void occurrenceNoteNeedsNotesGetOnNoteProject() {
    String shared = createOccurrence("team-a", "projects/shared/notes/base");

    as(AccessTestProfile.TEAM_A_WRITER_TOKEN)
        .get("/v1/projects/team-a/occurrences/" + shared + "/notes")
        .then()
        .statusCode(403)
        .body("error.message", containsString("notes.get denied on projects/shared"));
    as(AccessTestProfile.READER_TOKEN)
        .get("/v1/projects/team-a/occurrences/" + shared + "/notes")
        .then()
        .statusCode(200)
        .body("name", equalTo("projects/shared/notes/base"));
  }

  @Test
  void projectPatternGrantsMatchingProjectsOnly() {
    as(AccessTestProfile.TEAM_ADMIN_TOKEN)
        .body("{\"name\":\"projects/team-x\"}")
        .post("/v1/projects")
        .then()
        .statusCode(200);
    as(AccessTestProfile.TEAM_ADMIN_TOKEN).get("/v1/projects/team-x").then().statusCode(200);
    as(AccessTestProfile.TEAM_ADMIN_TOKEN).delete("/v1/projects/team-x").then().statusCode(200);

    as(AccessTestProfile.TEAM_ADMIN_TOKEN)
        .body("{\"name\":\"projects/other\"}")
        .post("/v1/projects")
        .then()
        .statusCode(403)
        .body("error.message", containsString("projects.create denied on projects/other"));
    as(AccessTestProfile.TEAM_ADMIN_TOKEN)
        .get("/v1/projects/shared")
        .then()
        .statusCode(403)
        .body("error.message", containsString("projects.get denied on projects/shared"));
  }

  @Test
  void listingProjectsNeedsGrantOnEveryProject() {
    as(AccessTestProfile.TEAM_ADMIN_TOKEN)
        .get("/v1/projects")
        .then()
        .statusCode(403)
        .body("error.message", containsString("projects.list denied on all projects"));
    as(AccessTestProfile.READER_TOKEN)
        .get("/v1/projects")
        .then()
        .statusCode(403)
        .body("error.message", containsString("projects.list"));
    api().get("/v1/projects").then().statusCode(200);
  }

  @Test
  void invalidProjectIdIsBadRequestBeforePermission() {
    as(AccessTestProfile.NO_GRANTS_TOKEN)
        .get("/v1/projects/.hidden/notes")
        .then()
        .statusCode(400)
        .body("error.message", containsString("project id"));
  }

  private static int countOccurrences(String project) {
    return api()
        .get("/v1/projects/" + project + "/occurrences")
        .then()
        .statusCode(200)
        .extract()
        .path("occurrences.size()");
  }
}
