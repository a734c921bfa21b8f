package dev.custos.metadata.occurrence;

import static dev.custos.metadata.GrafeasApi.api;
import static dev.custos.metadata.GrafeasApi.createAttestationNote;
import static dev.custos.metadata.GrafeasApi.ensureProject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.custos.embedded.EmbeddedServersResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The routes that relate occurrences and notes: {@code occurrences:vulnerabilitySummary}, {@code
 * notes/{n}/occurrences} and {@code occurrences/{id}/notes}.
 */
@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class RelatedRoutesTest {
  private static final String SUMMARY = "/v1/projects/rr/occurrences:vulnerabilitySummary";
  private static boolean seeded;
  private static String attestationName;

  @BeforeEach
  void seed() {
    if (seeded) {
      return;
    }
    ensureProject("rr");
    ensureProject("rr2");
    ensureProject("rr-vulnz");
    ensureProject("rr-empty");
    api()
        .queryParam("noteId", "cve-1")
        .body("{\"vulnerability\":{\"severity\":\"HIGH\"}}")
        .post("/v1/projects/rr-vulnz/notes")
        .then()
        .statusCode(200);
    createAttestationNote("rr", "qa");

    vulnerability("rr", "IMG1", "\"effectiveSeverity\":\"HIGH\",\"fixAvailable\":true");
    vulnerability("rr", "IMG1", "\"effectiveSeverity\":\"HIGH\"");
    vulnerability(
        "rr",
        "IMG1",
        "\"effectiveSeverity\":\"LOW\",\"packageIssue\":[{\"affectedCpeUri\":\"cpe:/a\","
            + "\"affectedPackage\":\"zlib\",\"fixAvailable\":true}]");
    vulnerability("rr", "IMG2", "\"severity\":\"CRITICAL\"");
    vulnerability("rr", "IMG2", "\"cvssScore\":1.0");
    vulnerability("rr2", "IMG9", "\"effectiveSeverity\":\"MEDIUM\"");
    attestationName =
        api()
            .body(
                "{\"resourceUri\":\"IMG1\",\"noteName\":\"projects/rr/notes/qa\","
                    + "\"attestation\":{\"serializedPayload\":\"e30=\"}}")
            .post("/v1/projects/rr/occurrences")
            .then()
            .statusCode(200)
            .extract()
            .path("name");
    seeded = true;
  }

  private static void vulnerability(String project, String resourceUri, String details) {
    api()
        .body(
            "{\"resourceUri\":\""
                + resourceUri
                + "\",\"noteName\":\"projects/rr-vulnz/notes/cve-1\",\"vulnerability\":{"
                + details
                + "}}")
        .post("/v1/projects/" + project + "/occurrences")
        .then()
        .statusCode(200);
  }

  /** Gets the summary with the colon unencoded, as curl and the Google client libraries send it. */
  private static JsonPath summary(String filter) {
    var request = api().urlEncodingEnabled(false);
    if (filter != null) {
      request.queryParam("filter", filter.replace(" ", "%20").replace("\"", "%22"));
    }

    return request.get(SUMMARY).then().statusCode(200).extract().jsonPath();
  }

  @Test
  void summaryCountsByResourceAndSeverity() {
    List<Map<String, String>> counts = summary(null).getList("counts");

    assertThat(counts)
        .containsExactly(
            Map.of(
                "resourceUri", "IMG1", "severity", "HIGH", "fixableCount", "1", "totalCount", "2"),
            Map.of(
                "resourceUri", "IMG1", "severity", "LOW", "fixableCount", "1", "totalCount", "1"),
            Map.of(
                "resourceUri",
                "IMG2",
                "severity",
                "CRITICAL",
                "fixableCount",
                "0",
                "totalCount",
                "1"),
            Map.of(
                "resourceUri",
                "IMG2",
                "severity",
                "SEVERITY_UNSPECIFIED",
                "fixableCount",
                "0",
                "totalCount",
                "1"));
  }

  @Test
  void summaryAppliesFilter() {
    List<Map<String, String>> counts = summary("resourceUri=\"IMG2\"").getList("counts");

    assertThat(counts).extracting(count -> count.get("resourceUri")).containsOnly("IMG2");
    assertThat(counts).hasSize(2);
  }

  @Test
  void emptySummaryHasNoCounts() {
    String body =
        api()
            .urlEncodingEnabled(false)
            .get("/v1/projects/rr-empty/occurrences:vulnerabilitySummary")
            .then()
            .statusCode(200)
            .extract()
            .asString();

    assertThat(body).isEqualTo("{}");
  }

  @Test
  void summaryRejectsUnknownField() {
    api()
        .urlEncodingEnabled(false)
        .queryParam("filter", "severity=%22HIGH%22")
        .get(SUMMARY)
        .then()
        .statusCode(400)
        .body("error.message", containsString("unknown field 'severity'"));
  }

  @Test
  void summaryOfMissingProjectIsNotFound() {
    api()
        .urlEncodingEnabled(false)
        .get("/v1/projects/absent/occurrences:vulnerabilitySummary")
        .then()
        .statusCode(404)
        .body("error.status", equalTo("NOT_FOUND"));
  }

  @Test
  void summaryPathIsNotOccurrenceId() {
    api()
        .get("/v1/projects/rr/occurrences/vulnerabilitySummary")
        .then()
        .statusCode(404)
        .body(
            "error.message",
            equalTo("Occurrence projects/rr/occurrences/vulnerabilitySummary not found"));
  }

  @Test
  void noteOccurrencesSpanProjects() {
    List<String> names = new ArrayList<>();
    String token = "";
    do {
      JsonPath page =
          api()
              .queryParam("pageSize", 4)
              .queryParam("pageToken", token)
              .get("/v1/projects/rr-vulnz/notes/cve-1/occurrences")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      assertThat(page.getList("occurrences.noteName", String.class))
          .containsOnly("projects/rr-vulnz/notes/cve-1");
      names.addAll(page.getList("occurrences.name", String.class));
      token = page.getString("nextPageToken") == null ? "" : page.getString("nextPageToken");
    } while (!token.isEmpty());

    assertThat(names).hasSize(6);
    assertThat(names).filteredOn(name -> name.startsWith("projects/rr2/")).hasSize(1);
    assertThat(names).filteredOn(name -> name.startsWith("projects/rr/")).hasSize(5);
  }

  @Test
  void noteOccurrencesApplyFilter() {
    List<String> uris =
        api()
            .queryParam("filter", "vulnerability.effectiveSeverity=MEDIUM")
            .get("/v1/projects/rr-vulnz/notes/cve-1/occurrences")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("occurrences.resourceUri", String.class);

    assertThat(uris).containsExactly("IMG9");
  }

  @Test
  void noteOccurrencesRejectTokenOfOtherList() {
    String token =
        api()
            .queryParam("pageSize", 1)
            .get("/v1/projects/rr/occurrences")
            .then()
            .statusCode(200)
            .extract()
            .path("nextPageToken");

    api()
        .queryParam("pageToken", token)
        .get("/v1/projects/rr-vulnz/notes/cve-1/occurrences")
        .then()
        .statusCode(400)
        .body("error.message", containsString("Invalid pageToken"));
  }

  @Test
  void occurrencesOfMissingNoteAreNotFound() {
    api()
        .get("/v1/projects/rr-vulnz/notes/absent/occurrences")
        .then()
        .statusCode(404)
        .body("error.message", equalTo("Note projects/rr-vulnz/notes/absent not found"));
  }

  @Test
  void occurrenceNoteIsReturned() {
    String id = attestationName.substring(attestationName.lastIndexOf('/') + 1);

    api()
        .get("/v1/projects/rr/occurrences/" + id + "/notes")
        .then()
        .statusCode(200)
        .body("name", equalTo("projects/rr/notes/qa"))
        .body("kind", equalTo("ATTESTATION"))
        .body("attestation.hint.humanReadableName", equalTo("qa"));
  }

  @Test
  void occurrenceNoteInOtherProjectIsReturned() {
    String name =
        api()
            .queryParam("filter", "resourceUri=\"IMG9\"")
            .get("/v1/projects/rr2/occurrences")
            .then()
            .statusCode(200)
            .extract()
            .path("occurrences[0].name");

    api()
        .get("/v1/" + name + "/notes")
        .then()
        .statusCode(200)
        .body("name", equalTo("projects/rr-vulnz/notes/cve-1"))
        .body("vulnerability.severity", equalTo("HIGH"));
  }

  @Test
  void noteOfMissingOccurrenceIsNotFound() {
    api()
        .get("/v1/projects/rr/occurrences/absent/notes")
        .then()
        .statusCode(404)
        .body("error.message", equalTo("Occurrence projects/rr/occurrences/absent not found"));
  }

  @Test
  void noteOfOccurrenceThroughOtherProjectIsNotFound() {
    String id = attestationName.substring(attestationName.lastIndexOf('/') + 1);

    api().get("/v1/projects/rr2/occurrences/" + id + "/notes").then().statusCode(404);
  }
}
