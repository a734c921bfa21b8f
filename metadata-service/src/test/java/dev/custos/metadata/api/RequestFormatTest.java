package dev.custos.metadata.api;

import static dev.custos.metadata.GrafeasApi.DEV_TOKEN;
import static dev.custos.metadata.GrafeasApi.api;
import static dev.custos.metadata.GrafeasApi.createAttestationNote;
import static dev.custos.metadata.GrafeasApi.ensureProject;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import dev.custos.embedded.EmbeddedServersResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Content types of request bodies and the spellings of the paging query parameters. */
@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class RequestFormatTest {
  private static final String NOTES = "/v1/projects/format/notes";
  private static final String NOTE_BODY = "{\"attestation\":{}}";

  @BeforeEach
  void createProject() {
    ensureProject("format");
  }

  @Test
  void textPlainBodyRejected() {
    given()
        .auth()
        .oauth2(DEV_TOKEN)
        .contentType("text/plain")
        .queryParam("noteId", "plain")
        .body(NOTE_BODY)
        .post(NOTES)
        .then()
        .statusCode(415)
        .body("error.status", equalTo("INVALID_ARGUMENT"))
        .body("error.message", containsString("'text/plain"))
        .body("error.message", containsString("Content-Type: application/json"));
  }

  @Test
  void missingContentTypeAccepted() throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + RestAssured.port + NOTES + "?noteId=untyped"))
            .header("Authorization", "Bearer " + DEV_TOKEN)
            .POST(HttpRequest.BodyPublishers.ofString(NOTE_BODY))
            .build();

    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("/notes/untyped");
  }

  @Test
  void otherCharsetRejected() {
    given()
        .auth()
        .oauth2(DEV_TOKEN)
        .contentType("application/json; charset=ISO-8859-1")
        .queryParam("noteId", "latin")
        .body(NOTE_BODY)
        .post(NOTES)
        .then()
        .statusCode(415);
  }

  @Test
  void textPlainPatchRejected() {
    String note = createAttestationNote("format", "patched");

    given()
        .auth()
        .oauth2(DEV_TOKEN)
        .contentType("text/plain")
        .body("{\"shortDescription\":\"x\"}")
        .patch("/v1/" + note)
        .then()
        .statusCode(415);
  }

  @Test
  void jsonWithUtf8CharsetAccepted() {
    given()
        .auth()
        .oauth2(DEV_TOKEN)
        .contentType("application/json; charset=utf-8")
        .queryParam("noteId", "utf8")
        .body(NOTE_BODY)
        .post(NOTES)
        .then()
        .statusCode(200);
  }

  @Test
  void unauthenticatedPlainGets401() {
    given()
        .contentType("text/plain")
        .queryParam("noteId", "anonymous")
        .body(NOTE_BODY)
        .post(NOTES)
        .then()
        .statusCode(401);
  }

  @Test
  void snakeCasePagingAccepted() {
    for (int i = 0; i < 3; i++) {
      createAttestationNote("format", "paged-" + i);
    }

    String token =
        api()
            .queryParam("page_size", 1)
            .get(NOTES)
            .then()
            .statusCode(200)
            .body("notes", hasSize(1))
            .body("nextPageToken", not(emptyString()))
            .extract()
            .path("nextPageToken");
    api()
        .queryParam("page_size", 1)
        .queryParam("page_token", token)
        .get(NOTES)
        .then()
        .statusCode(200)
        .body("notes", hasSize(1));
  }

  @Test
  void numberForStringFieldRejected() {
    api()
        .body(
            "{\"resourceUri\":5,\"noteName\":\"projects/format/notes/qa\","
                + "\"attestation\":{\"serializedPayload\":\"e30=\"}}")
        .post("/v1/projects/format/occurrences")
        .then()
        .statusCode(400)
        .body("error.status", equalTo("INVALID_ARGUMENT"))
        .body(
            "error.message", containsString("resourceUri must be a JSON string, but is number 5"));
  }

  @Test
  void nestedBooleanForStringRejected() {
    api()
        .queryParam("noteId", "nested")
        .body("{\"attestation\":{\"hint\":{\"humanReadableName\":true}}}")
        .post(NOTES)
        .then()
        .statusCode(400)
        .body(
            "error.message",
            containsString("attestation.hint.humanReadableName must be a JSON string"));
  }

  @Test
  void repeatedNumberForStringRejected() {
    api()
        .queryParam("noteId", "related")
        .body("{\"relatedNoteNames\":[\"projects/format/notes/a\",7],\"attestation\":{}}")
        .post(NOTES)
        .then()
        .statusCode(400)
        .body("error.message", containsString("relatedNoteNames[1] must be a JSON string"));
  }

  @Test
  void conflictingPageSizesRejected() {
    api()
        .queryParam("pageSize", 1)
        .queryParam("page_size", 2)
        .get(NOTES)
        .then()
        .statusCode(400)
        .body("error.message", containsString("pageSize '1' and page_size '2'"));
  }
}
