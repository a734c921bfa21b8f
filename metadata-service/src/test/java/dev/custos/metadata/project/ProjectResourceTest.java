package dev.custos.metadata.project;

import static dev.custos.metadata.GrafeasApi.api;
import static dev.custos.metadata.GrafeasApi.ensureProject;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import dev.custos.embedded.EmbeddedServersResource;
import dev.custos.metadata.GrafeasApi;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** Projects routes, and the bearer-token check that guards every /v1 route. */
@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class ProjectResourceTest {

  private static void createProject(String projectId) {
    api()
        .body("{\"name\":\"projects/" + projectId + "\"}")
        .post("/v1/projects")
        .then()
        .statusCode(200);
  }

  @Test
  void createReturnsProject() {
    api()
        .body("{\"name\":\"projects/created\"}")
        .when()
        .post("/v1/projects")
        .then()
        .statusCode(200)
        .contentType(ContentType.JSON)
        .body("name", equalTo("projects/created"));
  }

  @Test
  void curlFormContentTypeIsAccepted() {
    given()
        .auth()
        .oauth2(GrafeasApi.DEV_TOKEN)
        .contentType(ContentType.URLENC)
        .body("{\"name\":\"projects/from-curl\"}")
        .post("/v1/projects")
        .then()
        .statusCode(200)
        .body("name", equalTo("projects/from-curl"));
  }

  @Test
  void getReturnsCreatedProject() {
    createProject("fetched");

    api()
        .get("/v1/projects/fetched")
        .then()
        .statusCode(200)
        .body("name", equalTo("projects/fetched"));
  }

  @Test
  void listContainsCreatedProjects() {
    createProject("listed-1");
    createProject("listed-2");

    api()
        .get("/v1/projects")
        .then()
        .statusCode(200)
        .body("projects.name", hasItems("projects/listed-1", "projects/listed-2"));
  }

  @Test
  void deleteRemovesProject() {
    createProject("deleted");

    api().delete("/v1/projects/deleted").then().statusCode(200).body(equalTo("{}"));

    api()
        .get("/v1/projects/deleted")
        .then()
        .statusCode(404)
        .body("error.code", equalTo(404))
        .body("error.status", equalTo("NOT_FOUND"))
        .body("error.message", equalTo("Project projects/deleted not found"));
  }

  @Test
  void deleteRejectsProjectWithNotes() {
    createProject("occupied");
    api()
        .queryParam("noteId", "kept")
        .body("{\"attestation\":{\"hint\":{\"humanReadableName\":\"qa\"}}}")
        .post("/v1/projects/occupied/notes")
        .then()
        .statusCode(200);

    api()
        .delete("/v1/projects/occupied")
        .then()
        .statusCode(400)
        .body("error.status", equalTo("FAILED_PRECONDITION"))
        .body("error.message", containsString("still contains 1 notes and occurrences"));
    api().get("/v1/projects/occupied").then().statusCode(200);
  }

  @Test
  void duplicateCreateIsAlreadyExists() {
    createProject("twice");

    api()
        .body("{\"name\":\"projects/twice\"}")
        .post("/v1/projects")
        .then()
        .statusCode(409)
        .body("error.code", equalTo(409))
        .body("error.status", equalTo("ALREADY_EXISTS"))
        .body("error.message", equalTo("Project projects/twice already exists"));
  }

  @Test
  void malformedNameShowsExpectedForm() {
    api()
        .body("{\"name\":\"team-a\"}")
        .post("/v1/projects")
        .then()
        .statusCode(400)
        .body("error.status", equalTo("INVALID_ARGUMENT"))
        .body("error.message", containsString("'team-a'"))
        .body("error.message", containsString("projects/{project}"));
  }

  @Test
  void nameWithSlashIsRejected() {
    api()
        .body("{\"name\":\"projects/a/b\"}")
        .post("/v1/projects")
        .then()
        .statusCode(400)
        .body("error.message", containsString("expected projects/{project}"));
  }

  @Test
  void unknownFieldIsNamed() {
    api()
        .body("{\"name\":\"projects/extra\",\"owner\":\"me\"}")
        .post("/v1/projects")
        .then()
        .statusCode(400)
        .body("error.status", equalTo("INVALID_ARGUMENT"))
        .body("error.message", containsString("owner"));
  }

  @Test
  void invalidJsonIsBadRequest() {
    api()
        .body("{\"name\":")
        .post("/v1/projects")
        .then()
        .statusCode(400)
        .body("error.status", equalTo("INVALID_ARGUMENT"))
        .body("error.message", containsString("not valid JSON"));
  }

  @Test
  void emptyBodyIsBadRequest() {
    api()
        .post("/v1/projects")
        .then()
        .statusCode(400)
        .body("error.message", containsString("request body is required"));
  }

  @Test
  void missingProjectIsNotFound() {
    api()
        .get("/v1/projects/absent")
        .then()
        .statusCode(404)
        .body("error.status", equalTo("NOT_FOUND"));
  }

  @Test
  void invalidPageSizeIsBadRequest() {
    api()
        .queryParam("pageSize", "many")
        .get("/v1/projects")
        .then()
        .statusCode(400)
        .body("error.message", containsString("pageSize"));
  }

  @Test
  void listFiltersByName() {
    ensureProject("filtered-a");
    ensureProject("filtered-b");

    api()
        .queryParam("filter", "name=\"projects/filtered-a\" OR name=\"projects/filtered-b\"")
        .get("/v1/projects")
        .then()
        .statusCode(200)
        .body("projects.name", contains("projects/filtered-a", "projects/filtered-b"));
  }

  @Test
  void listRejectsUnknownFilterField() {
    api()
        .queryParam("filter", "kind=\"ATTESTATION\"")
        .get("/v1/projects")
        .then()
        .statusCode(400)
        .body("error.status", equalTo("INVALID_ARGUMENT"))
        .body("error.message", containsString("unknown field 'kind' for projects"));
  }

  @Test
  void createWithoutTokenIsUnauthenticated() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"name\":\"projects/anonymous\"}")
        .post("/v1/projects")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", equalTo("Bearer"))
        .body("error.code", equalTo(401))
        .body("error.status", equalTo("UNAUTHENTICATED"));

    api().get("/v1/projects/anonymous").then().statusCode(404);
  }

  @Test
  void wrongTokenIsUnauthenticated() {
    given()
        .auth()
        .oauth2("not-the-dev-token")
        .get("/v1/projects")
        .then()
        .statusCode(401)
        .body("error.status", equalTo("UNAUTHENTICATED"))
        .body("error.message", equalTo("The bearer token is not valid"));
  }

  @Test
  void readWithoutTokenIsUnauthenticated() {
    given()
        .get("/v1/projects")
        .then()
        .statusCode(401)
        .body("error.status", equalTo("UNAUTHENTICATED"));
  }

  @Test
  void wrongMethodUsesErrorBody() {
    api()
        .put("/v1/projects/any")
        .then()
        .statusCode(405)
        .body("error.code", equalTo(405))
        .body("error.status", equalTo("UNIMPLEMENTED"));
  }

  @Test
  void unknownRouteUsesErrorBody() {
    api()
        .get("/v1/nothing-here")
        .then()
        .statusCode(404)
        .body("error.status", equalTo("NOT_FOUND"))
        .body(not(containsString("<html")));
  }
}
