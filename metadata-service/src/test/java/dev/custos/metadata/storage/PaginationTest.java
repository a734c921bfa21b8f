package dev.custos.metadata.storage;

import static dev.custos.metadata.GrafeasApi.api;
import static dev.custos.metadata.GrafeasApi.createAttestationNote;
import static dev.custos.metadata.GrafeasApi.ensureProject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keyset pagination and page tokens on the list routes, against PostgreSQL. */
@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class PaginationTest {
  private static final String OCCURRENCES = "/v1/projects/pg/occurrences";
  private static boolean seeded;

  @InjectTestInfrastructure TestInfrastructure infrastructure;

  /**
   * Stores 45 occurrences in project pg: 25 from one batch, which share a create time, so their
   * order comes from the name, and 20 created one by one. Every third is on image IMG-A.
   */
  @BeforeEach
  void seed() {
    if (seeded) {
      return;
    }
    ensureProject("pg");
    ensureProject("pg2");
    createAttestationNote("pg", "qa");
    String batch =
        IntStream.range(0, 25)
            .mapToObj(PaginationTest::occurrence)
            .collect(Collectors.joining(",", "{\"occurrences\":[", "]}"));
    api()
        .urlEncodingEnabled(false)
        .body(batch)
        .post(OCCURRENCES + ":batchCreate")
        .then()
        .statusCode(200);
    for (int i = 25; i < 45; i++) {
      api().body(occurrence(i)).post(OCCURRENCES).then().statusCode(200);
    }
    seeded = true;
  }

  private static String occurrence(int index) {
    String image = index % 3 == 0 ? "IMG-A" : "IMG-B";

    return "{\"resourceUri\":\""
        + image
        + "\",\"remediation\":\""
        + index
        + "\",\"noteName\":\"projects/pg/notes/qa\","
        + "\"attestation\":{\"serializedPayload\":\"e30=\"}}";
  }

  private static JsonPath list(String path, String filter, int pageSize, String pageToken) {
    var request = api().queryParam("pageSize", pageSize);
    if (filter != null) {
      request.queryParam("filter", filter);
    }
    if (pageToken != null) {
      request.queryParam("pageToken", pageToken);
    }

    return request.get(path).then().statusCode(200).extract().jsonPath();
  }

  private static String nextToken(JsonPath page) {
    String token = page.getString("nextPageToken");

    return token == null ? "" : token;
  }

  private List<String> storedOrder(String condition) throws SQLException {
    try (Connection connection = infrastructure.connect();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT name FROM occurrences WHERE project = 'projects/pg'"
                    + condition
                    + " ORDER BY create_time, name");
        ResultSet rows = query.executeQuery()) {
      List<String> names = new ArrayList<>();
      while (rows.next()) {
        names.add(rows.getString(1));
      }
      return names;
    }
  }

  @Test
  void fortyFiveItemsInPagesOfTwenty() throws SQLException {
    JsonPath first = list(OCCURRENCES, null, 20, null);
    JsonPath second = list(OCCURRENCES, null, 20, nextToken(first));
    JsonPath third = list(OCCURRENCES, null, 20, nextToken(second));

    assertThat(first.getList("occurrences")).hasSize(20);
    assertThat(second.getList("occurrences")).hasSize(20);
    assertThat(third.getList("occurrences")).hasSize(5);
    assertThat(nextToken(first)).isNotEmpty();
    assertThat(nextToken(second)).isNotEmpty();
    assertThat(nextToken(third)).isEmpty();

    List<String> names = new ArrayList<>(first.getList("occurrences.name", String.class));
    names.addAll(second.getList("occurrences.name", String.class));
    names.addAll(third.getList("occurrences.name", String.class));
    assertThat(new HashSet<>(names)).hasSize(45);
    assertThat(names).containsExactlyElementsOf(storedOrder(""));
  }

  @Test
  void filteredPagesKeepFilter() throws SQLException {
    String filter = "resourceUri=\"IMG-A\"";
    List<String> names = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      JsonPath page = list(OCCURRENCES, filter, 4, token);
      assertThat(page.getList("occurrences.resourceUri", String.class)).containsOnly("IMG-A");
      names.addAll(page.getList("occurrences.name", String.class));
      token = nextToken(page);
      pages++;
    } while (!token.isEmpty());

    assertThat(names)
        .hasSize(15)
        .containsExactlyElementsOf(storedOrder(" AND resource_uri = 'IMG-A'"));
    assertThat(pages).isEqualTo(4);
  }

  @Test
  void exactlyFullLastPageEndsList() {
    JsonPath first = list(OCCURRENCES, "resourceUri=\"IMG-A\"", 15, null);

    assertThat(first.getList("occurrences")).hasSize(15);
    assertThat(nextToken(first)).isEmpty();
  }

  @Test
  void occurrenceCreatedBetweenPagesComesLast() {
    String filter = "resourceUri=\"IMG-LATE\" OR resourceUri=\"IMG-A\"";
    JsonPath first = list(OCCURRENCES, filter, 10, null);
    String late =
        api()
            .body(
                "{\"resourceUri\":\"IMG-LATE\",\"noteName\":\"projects/pg/notes/qa\","
                    + "\"attestation\":{\"serializedPayload\":\"e30=\"}}")
            .post(OCCURRENCES)
            .then()
            .statusCode(200)
            .extract()
            .path("name");

    JsonPath second = list(OCCURRENCES, filter, 10, nextToken(first));

    List<String> rest = second.getList("occurrences.name", String.class);
    assertThat(rest).hasSize(6).doesNotContainAnyElementsOf(first.getList("occurrences.name"));
    assertThat(rest.get(5)).isEqualTo(late);
    assertThat(nextToken(second)).isEmpty();
    api().delete("/v1/" + late).then().statusCode(200);
  }

  @Test
  void tokenForOtherFilterIsRejected() {
    String token = nextToken(list(OCCURRENCES, "resourceUri=\"IMG-B\"", 5, null));

    assertRejected(OCCURRENCES, "resourceUri=\"IMG-A\"", token);
    assertRejected(OCCURRENCES, null, token);
  }

  @Test
  void tokenForOtherParentIsRejected() {
    String token = nextToken(list(OCCURRENCES, null, 5, null));

    assertRejected("/v1/projects/pg2/occurrences", null, token);
    assertRejected("/v1/projects/pg/notes", null, token);
    assertRejected("/v1/projects", null, token);
  }

  @Test
  void tamperedTokenIsRejected() {
    String token = nextToken(list(OCCURRENCES, null, 5, null));
    char last = token.charAt(token.length() - 1);
    String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');

    assertRejected(OCCURRENCES, null, tampered);
    assertRejected(OCCURRENCES, null, "not-a-token");
  }

  private static void assertRejected(String path, String filter, String token) {
    var request = api().queryParam("pageToken", token);
    if (filter != null) {
      request.queryParam("filter", filter);
    }

    request
        .get(path)
        .then()
        .statusCode(400)
        .body("error.status", equalTo("INVALID_ARGUMENT"))
        .body("error.message", containsString("Invalid pageToken"));
  }

  @Test
  void notesPageThroughAll() {
    for (int i = 0; i < 5; i++) {
      createAttestationNote("pg2", "n" + i);
    }
    JsonPath first = list("/v1/projects/pg2/notes", null, 2, null);
    JsonPath second = list("/v1/projects/pg2/notes", null, 2, nextToken(first));
    JsonPath third = list("/v1/projects/pg2/notes", null, 2, nextToken(second));

    List<String> names = new ArrayList<>(first.getList("notes.name", String.class));
    names.addAll(second.getList("notes.name", String.class));
    names.addAll(third.getList("notes.name", String.class));
    assertThat(names)
        .containsExactly(
            "projects/pg2/notes/n0",
            "projects/pg2/notes/n1",
            "projects/pg2/notes/n2",
            "projects/pg2/notes/n3",
            "projects/pg2/notes/n4");
    assertThat(nextToken(third)).isEmpty();
  }

  @Test
  void projectsPageThroughFiltered() {
    for (String id : List.of("pp-1", "pp-2", "pp-3")) {
      ensureProject(id);
    }
    String filter = "name>\"projects/pp-\" AND name<\"projects/pp-~\"";
    JsonPath first = list("/v1/projects", filter, 2, null);
    JsonPath second = list("/v1/projects", filter, 2, nextToken(first));

    assertThat(first.getList("projects.name", String.class))
        .containsExactly("projects/pp-1", "projects/pp-2");
    assertThat(second.getList("projects.name", String.class)).containsExactly("projects/pp-3");
    assertThat(second.getString("nextPageToken")).isNull();
  }

  @Test
  void pageSizeAboveMaxIsCut() {
    JsonPath page = list(OCCURRENCES, null, 100_000, null);

    assertThat(page.getList("occurrences")).hasSize(45);
    assertThat(nextToken(page)).isEmpty();
  }

  @Test
  void negativePageSizeIsRejected() {
    api()
        .queryParam("pageSize", -1)
        .get(OCCURRENCES)
        .then()
        .statusCode(400)
        .body("error.message", containsString("Invalid pageSize -1"));
  }
}
