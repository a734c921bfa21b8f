package dev.custos.metadata.occurrence;

import static dev.custos.metadata.GrafeasApi.api;
import static dev.custos.metadata.GrafeasApi.createAttestationNote;
import static dev.custos.metadata.GrafeasApi.ensureProject;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.custos.embedded.EmbeddedServersResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * {@code GET .../notes/{note}/occurrences} and {@code GET .../occurrences/{id}/notes} over REST.
 */
@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class OccurrenceNoteRoutesTest {
  private static final String IMAGE =
      "https://registry.example.com/app@sha256:"
          + "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  private static String createOccurrence(String project, String noteName) {
    return api()
        .body(
            "{\"resourceUri\":\""
                + IMAGE
                + "\",\"noteName\":\""
                + noteName
                + "\",\"attestation\":{\"serializedPayload\":\"e30=\"}}")
        .post("/v1/projects/" + project + "/occurrences")
        .then()
        .statusCode(200)
        .extract()
        .path("name");
  }

  @Test
  void noteOccurrencesListsEveryProject() {
    ensureProject("provider");
    ensureProject("consumer");
    String note = createAttestationNote("provider", "listed");
    String first = createOccurrence("provider", note);
    String second = createOccurrence("consumer", note);

    api()
        .get("/v1/projects/provider/notes/listed/occurrences")
        .then()
        .statusCode(200)
        .body("occurrences", hasSize(2))
        .body("occurrences[0].name", equalTo(first))
        .body("occurrences[1].name", equalTo(second))
        .body("occurrences[1].noteName", equalTo(note));
  }

  @Test
  void noteOccurrencesOfUnreferencedNoteIsEmpty() {
    ensureProject("provider");
    createAttestationNote("provider", "unused");

    api()
        .get("/v1/projects/provider/notes/unused/occurrences")
        .then()
        .statusCode(200)
        .body(equalTo("{}"));
  }

  @Test
  void noteOccurrencesOfMissingNoteIsNotFound() {
    ensureProject("provider");

    api()
        .get("/v1/projects/provider/notes/absent/occurrences")
        .then()
        .statusCode(404)
        .body("error.status", equalTo("NOT_FOUND"))
        .body("error.message", containsString("projects/provider/notes/absent"));
  }

  @Test
  void noteOccurrencesHonoursPageSize() {
    ensureProject("provider");
    String note = createAttestationNote("provider", "paged");
    createOccurrence("provider", note);
    createOccurrence("provider", note);

    api()
        .queryParam("pageSize", "1")
        .get("/v1/projects/provider/notes/paged/occurrences")
        .then()
        .statusCode(200)
        .body("occurrences", hasSize(1));
    api()
        .queryParam("pageSize", "-1")
        .get("/v1/projects/provider/notes/paged/occurrences")
        .then()
        .statusCode(400)
        .body("error.message", containsString("pageSize"));
  }

  @Test
  void occurrenceNoteReturnsNoteOfOtherProject() {
    ensureProject("provider");
    ensureProject("consumer");
    String note = createAttestationNote("provider", "owner");
    String occurrence = createOccurrence("consumer", note);

    api()
        .get("/v1/" + occurrence + "/notes")
        .then()
        .statusCode(200)
        .body("name", equalTo(note))
        .body("kind", equalTo("ATTESTATION"));
  }

  @Test
  void occurrenceNoteOfMissingOccurrenceIsNotFound() {
    ensureProject("consumer");

    api()
        .get("/v1/projects/consumer/occurrences/absent/notes")
        .then()
        .statusCode(404)
        .body("error.message", containsString("projects/consumer/occurrences/absent"));
  }

  @Test
  void occurrenceNoteThroughOtherProjectIsNotFound() {
    ensureProject("provider");
    ensureProject("consumer");
    String note = createAttestationNote("provider", "isolated");
    String occurrence = createOccurrence("consumer", note);
    String id = occurrence.substring(occurrence.lastIndexOf('/') + 1);

    api().get("/v1/projects/provider/occurrences/" + id + "/notes").then().statusCode(404);
  }

  @Test
  void malformedIdIsBadRequest() {
    api()
        .get("/v1/projects/consumer/occurrences/.x/notes")
        .then()
        .statusCode(400)
        .body("error.message", containsString("occurrence id"));
  }
}
