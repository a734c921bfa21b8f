package dev.custos.metadata;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Request helpers shared by the REST tests. */
public final class GrafeasApi {
  /** The token of the development principal, configured in the dev and test profiles. */
  public static final String DEV_TOKEN = "custos-dev-token";

  private GrafeasApi() {}

  /** Starts a request with the development token and a JSON content type. */
  public static RequestSpecification api() {
    return given().auth().oauth2(DEV_TOKEN).contentType(ContentType.JSON);
  }

  /** Creates the project unless an earlier test in the class did. */
  public static void ensureProject(String projectId) {
    api()
        .body("{\"name\":\"projects/" + projectId + "\"}")
        .post("/v1/projects")
        .then()
        .statusCode(anyOf(equalTo(200), equalTo(409)));
  }

  /** Creates an attestation note with the given id and returns its name. */
  public static String createAttestationNote(String projectId, String noteId) {
    api()
        .queryParam("noteId", noteId)
        .body("{\"attestation\":{\"hint\":{\"humanReadableName\":\"" + noteId + "\"}}}")
        .post("/v1/projects/" + projectId + "/notes")
        .then()
        .statusCode(200);

    return "projects/" + projectId + "/notes/" + noteId;
  }
}
