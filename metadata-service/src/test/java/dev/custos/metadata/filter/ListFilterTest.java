package dev.custos.metadata.filter;

import static dev.custos.metadata.GrafeasApi.api;
import static dev.custos.metadata.GrafeasApi.createAttestationNote;
import static dev.custos.metadata.GrafeasApi.ensureProject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.custos.embedded.EmbeddedServersResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Filters on the list routes, against occurrences stored in PostgreSQL. Each occurrence carries its
 * label in {@code remediation}, so a case lists the labels it expects.
 */
@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class ListFilterTest {
  private static final String OCCURRENCES = "/v1/projects/f/occurrences";
  private static boolean seeded;

  @BeforeEach
  void seed() {
    if (seeded) {
      return;
    }
    ensureProject("f");
    ensureProject("vulnz");
    createAttestationNote("f", "qa");
    createNote("vulnz", "cve-1", "{\"vulnerability\":{\"severity\":\"HIGH\",\"cvssScore\":7.5}}");
    createNote("f", "cve-2", "{\"vulnerability\":{\"severity\":\"CRITICAL\"}}");

    createOccurrence(
        "{\"remediation\":\"A\",\"resourceUri\":\"IMG1\",\"noteName\":\"projects/f/notes/qa\","
            + "\"attestation\":{\"serializedPayload\":\"e30=\","
            + "\"signatures\":[{\"signature\":\"c2ln\",\"publicKeyId\":\"key-1\"}]}}");
    createOccurrence(
        "{\"remediation\":\"B\",\"resourceUri\":\"IMG1\",\"noteName\":\"projects/vulnz/notes/cve-1\","
            + "\"vulnerability\":{\"severity\":\"HIGH\",\"effectiveSeverity\":\"HIGH\","
            + "\"cvssScore\":7.5,\"fixAvailable\":true,\"packageIssue\":[{"
            + "\"affectedCpeUri\":\"cpe:/o:debian:debian_linux:12\",\"affectedPackage\":\"openssl\","
            + "\"fixAvailable\":true}]}}");
    createOccurrence(
        "{\"remediation\":\"C\",\"resourceUri\":\"IMG2\",\"noteName\":\"projects/vulnz/notes/cve-1\","
            + "\"vulnerability\":{\"effectiveSeverity\":\"LOW\",\"cvssScore\":3.1}}");
    createOccurrence(
        "{\"remediation\":\"D\",\"resourceUri\":\"IMG2\",\"noteName\":\"projects/f/notes/cve-2\","
            + "\"vulnerability\":{\"effectiveSeverity\":\"CRITICAL\",\"cvssScore\":9.8,"
            + "\"packageIssue\":[{\"affectedCpeUri\":\"cpe:/o:debian:debian_linux:12\","
            + "\"affectedPackage\":\"glibc\"}]}}");
    seeded = true;
  }

  private static void createNote(String project, String noteId, String body) {
    api()
        .queryParam("noteId", noteId)
        .body(body)
        .post("/v1/projects/" + project + "/notes")
        .then()
        .statusCode(200);
  }

  private static void createOccurrence(String body) {
    api().body(body).post(OCCURRENCES).then().statusCode(200);
  }

  private static List<String> labels(String filter) {
    return api()
        .queryParam("filter", filter)
        .get(OCCURRENCES)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("occurrences.remediation", String.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "kind=\"VULNERABILITY\"                                          | B C D",
        "kind=ATTESTATION                                                | A",
        "kind=\"PACKAGE_VULNERABILITY\"                                  | B C D",
        "kind!=\"VULNERABILITY\"                                         | A",
        "resourceUri=\"IMG1\"                                            | A B",
        "resourceUrl=\"IMG1\"                                            | A B",
        "resource_url=\"IMG2\"                                           | C D",
        "noteProjectId=\"vulnz\"                                         | B C",
        "noteId=\"cve-1\"                                                | B C",
        "noteName=\"projects/f/notes/cve-2\"                             | D",
        "remediation=\"B\"                                               | B",
        "vulnerability.effectiveSeverity=\"HIGH\"                        | B",
        "vulnerability.effectiveSeverity!=\"HIGH\"                       | C D",
        "vulnerability.severity=SEVERITY_UNSPECIFIED                     | C D",
        "vulnerability.cvssScore>=7.5                                    | B D",
        "vulnerability.cvssScore<5                                       | C",
        "vulnerability.fixAvailable=true                                 | B",
        "vulnerability.fixAvailable=false                                | C D",
        "vulnerability.packageIssue.affectedPackage:\"openssl\"          | B",
        "vulnerability.packageIssue.affectedPackage=\"glibc\"            | D",
        "attestation.signatures.publicKeyId=\"key-1\"                    | A",
        "vulnerability:*                                                 | B C D",
        "vulnerability.packageIssue:*                                    | B D",
        "NOT kind=\"VULNERABILITY\"                                      | A",
        "-kind=\"VULNERABILITY\"                                         | A",
        "kind=\"ATTESTATION\" AND resourceUri=\"IMG1\" OR resourceUri=\"IMG2\"   | A",
        "(kind=\"ATTESTATION\" AND resourceUri=\"IMG1\") OR resourceUri=\"IMG2\" | A C D",
        "resourceUri=\"IMG2\" OR resourceUri=\"IMG1\" AND kind=\"ATTESTATION\"   | A",
        "kind=\"VULNERABILITY\" resourceUri=\"IMG2\"                     | C D",
        "NOT (kind=\"VULNERABILITY\" AND vulnerability.effectiveSeverity=LOW) | A B D",
        "createTime>\"2000-01-01T00:00:00Z\"                             | A B C D",
        "updateTime<\"2000-01-01T00:00:00Z\"                             | none",
        "resourceUri=\"IMG1' OR '1'='1\"                                 | none",
        "resourceUri=\"IMG1\\\" OR kind!=\\\"X\"                         | none",
        "resourceUri=\"IMG1\\\\\"                                        | none",
      })
  void occurrenceFilterSelects(String filter, String expected) {
    List<String> want = expected.equals("none") ? List.of() : List.of(expected.split(" "));

    assertThat(labels(filter)).containsExactlyElementsOf(want);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "colour=\"red\"                       | Invalid filter at position 1: unknown field 'colour'",
        "kind=\"FOO\"                         | unknown kind 'FOO'",
        "vulnerability.nope=1                 | unknown field 'nope' in 'vulnerability.nope'",
        "kind=\"ATTESTATION\" AND             | Invalid filter at position 23: expected a field name",
        "(kind=\"ATTESTATION\"                | Invalid filter at position 20: expected ')'",
        "resourceUri=\"IMG1                   | Invalid filter at position 13: the string",
      })
  void invalidFilterIsBadRequest(String filter, String message) {
    api()
        .queryParam("filter", filter)
        .get(OCCURRENCES)
        .then()
        .statusCode(400)
        .body("error.code", equalTo(400))
        .body("error.status", equalTo("INVALID_ARGUMENT"))
        .body("error.message", containsString(message));
  }

  @Test
  void noteFilterSelectsBySeverity() {
    List<String> names =
        api()
            .queryParam("filter", "vulnerability.severity=\"HIGH\" AND kind=\"VULNERABILITY\"")
            .get("/v1/projects/vulnz/notes")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("notes.name", String.class);

    assertThat(names).containsExactly("projects/vulnz/notes/cve-1");
  }

  @Test
  void noteFilterRejectsOccurrenceField() {
    api()
        .queryParam("filter", "resourceUri=\"IMG1\"")
        .get("/v1/projects/f/notes")
        .then()
        .statusCode(400)
        .body("error.message", containsString("unknown field 'resourceUri' for notes"));
  }
}
