package dev.custos.metadata.storage;

import static dev.custos.metadata.GrafeasApi.api;
import static dev.custos.metadata.GrafeasApi.createAttestationNote;
import static dev.custos.metadata.GrafeasApi.ensureProject;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Pagination across a restart of the application: the first test class to run stores 45
 * occurrences, reads the first page of 20 and leaves its token and names in table {@code
 * restart_handoff}; the next class, running in a new application on the same database, reads the
 * remaining pages with that token. {@link PageTokenRestartFirstTest} and {@link
 * PageTokenRestartSecondTest} both call {@link #run(Object)}, so the check runs whichever order
 * JUnit picks.
 */
final class PageTokenRestartCheck {
  private static final String OCCURRENCES = "/v1/projects/restart/occurrences";

  private PageTokenRestartCheck() {}

  /**
   * Runs the step that is due: the first page when no handoff exists, the rest of the list
   * otherwise.
   *
   * @param application identifies the running application, to prove that the two steps ran in
   *     different ones
   */
  static void run(Object application) throws SQLException {
    int applicationId = System.identityHashCode(application.getClass().getClassLoader());
    try (Connection connection = RestartDatabaseResource.connect(jdbcUrl())) {
      Handoff handoff = readHandoff(connection);
      if (handoff == null) {
        writeFirstPage(connection, applicationId);
      } else {
        readRemainingPages(handoff, applicationId);
      }
    }
  }

  private record Handoff(String token, List<String> firstPage, int applicationId) {}

  private static void writeFirstPage(Connection connection, int applicationId) throws SQLException {
    ensureProject("restart");
    createAttestationNote("restart", "qa");
    for (int i = 0; i < 45; i++) {
      api()
          .body(
              "{\"resourceUri\":\"IMG-"
                  + i
                  + "\",\"noteName\":\"projects/restart/notes/qa\","
                  + "\"attestation\":{\"serializedPayload\":\"e30=\"}}")
          .post(OCCURRENCES)
          .then()
          .statusCode(200);
    }

    JsonPath first = page(null);
    List<String> names = first.getList("occurrences.name", String.class);
    assertThat(names).hasSize(20);
    assertThat(first.getString("nextPageToken")).isNotEmpty();

    try (Statement create = connection.createStatement()) {
      create.execute(
          "CREATE TABLE restart_handoff (token TEXT, first_page TEXT, application_id INT)");
    }
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT INTO restart_handoff VALUES (?, ?, ?)")) {
      insert.setString(1, first.getString("nextPageToken"));
      insert.setString(2, String.join(",", names));
      insert.setInt(3, applicationId);
      insert.executeUpdate();
    }
  }

  private static void readRemainingPages(Handoff handoff, int applicationId) {
    assertThat(applicationId)
        .as("the second step runs in a new application")
        .isNotEqualTo(handoff.applicationId());

    JsonPath second = page(handoff.token());
    JsonPath third = page(second.getString("nextPageToken"));

    assertThat(second.getList("occurrences")).hasSize(20);
    assertThat(third.getList("occurrences")).hasSize(5);
    assertThat(third.getString("nextPageToken")).isNull();

    List<String> names = new ArrayList<>(handoff.firstPage());
    names.addAll(second.getList("occurrences.name", String.class));
    names.addAll(third.getList("occurrences.name", String.class));
    assertThat(new HashSet<>(names)).hasSize(45);
    assertThat(names).containsExactlyElementsOf(page(null, 100).getList("occurrences.name"));
  }

  private static JsonPath page(String token) {
    return page(token, 20);
  }

  private static JsonPath page(String token, int pageSize) {
    var request = api().queryParam("pageSize", pageSize);
    if (token != null) {
      request.queryParam("pageToken", token);
    }

    return request.get(OCCURRENCES).then().statusCode(200).extract().jsonPath();
  }

  private static Handoff readHandoff(Connection connection) throws SQLException {
    try (Statement query = connection.createStatement();
        ResultSet exists =
            query.executeQuery("SELECT to_regclass('restart_handoff') IS NOT NULL")) {
      exists.next();
      if (!exists.getBoolean(1)) {
        return null;
      }
    }
    try (Statement query = connection.createStatement();
        ResultSet rows =
            query.executeQuery("SELECT token, first_page, application_id FROM restart_handoff")) {
      rows.next();
      return new Handoff(
          rows.getString(1), Arrays.asList(rows.getString(2).split(",")), rows.getInt(3));
    }
  }

  private static String jdbcUrl() {
    return ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
  }
}
