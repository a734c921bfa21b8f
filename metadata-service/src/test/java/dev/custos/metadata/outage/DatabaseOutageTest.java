package dev.custos.metadata.outage;

import static dev.custos.metadata.GrafeasApi.api;
import static dev.custos.metadata.GrafeasApi.createAttestationNote;
import static dev.custos.metadata.GrafeasApi.ensureProject;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.custos.metadata.outage.OwnPostgresResource.Database;
import dev.custos.metadata.outage.OwnPostgresResource.InjectDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Requests while PostgreSQL is stopped get 503 UNAVAILABLE with a retry hint, never 500, and the
 * service serves again, with the data written before, once the server is back.
 */
@QuarkusTest
@WithTestResource(OwnPostgresResource.class)
class DatabaseOutageTest {
  @InjectDatabase Database database;

  private static void assertUnavailable(ValidatableResponse response) {
    response
        .statusCode(503)
        .header("Retry-After", "1")
        .body("error.code", equalTo(503))
        .body("error.status", equalTo("UNAVAILABLE"))
        .body("error.message", equalTo("The database is unavailable. Retry the request later"))
        .body("error.details[0].'@type'", equalTo("type.googleapis.com/google.rpc.RetryInfo"))
        .body("error.details[0].retryDelay", equalTo("1s"));
  }

  @Test
  void stoppedDatabaseGivesUnavailable() {
    ensureProject("o");
    createAttestationNote("o", "qa");

    database.stop();
    try {
      assertUnavailable(api().get("/v1/projects/o").then());
      assertUnavailable(api().get("/v1/projects/o/notes").then());
      assertUnavailable(api().get("/v1/projects/o/notes/qa").then());
      assertUnavailable(
          api()
              .body(
                  "{\"resourceUri\":\"IMG\",\"noteName\":\"projects/o/notes/qa\","
                      + "\"attestation\":{\"serializedPayload\":\"e30=\"}}")
              .post("/v1/projects/o/occurrences")
              .then());
      assertUnavailable(api().body("{\"name\":\"projects/o2\"}").post("/v1/projects").then());
      given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
    } finally {
      database.start();
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> api().get("/v1/projects/o/notes/qa").then().statusCode(200));
    api().get("/v1/projects/o").then().statusCode(200).body("name", equalTo("projects/o"));
    given().get("/q/health/ready").then().statusCode(200);
  }

  @Test
  void badInputStaysBadRequestDuringOutage() {
    database.stop();
    try {
      api()
          .queryParam("filter", "colour=\"red\"")
          .get("/v1/projects/o/occurrences")
          .then()
          .statusCode(400)
          .body("error.status", equalTo("INVALID_ARGUMENT"));
    } finally {
      database.start();
    }
  }
}
