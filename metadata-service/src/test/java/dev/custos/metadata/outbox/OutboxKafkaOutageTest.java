package dev.custos.metadata.outbox;

import static dev.custos.metadata.GrafeasApi.api;
import static dev.custos.metadata.GrafeasApi.ensureProject;
import static dev.custos.metadata.outbox.TopicReader.header;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.custos.embedded.InjectTestInfrastructure;
import dev.custos.embedded.KafkaBroker;
import dev.custos.embedded.TestInfrastructure;
import dev.custos.events.Topics;
import dev.custos.events.cloudevents.CloudEventKafkaCodec;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(OutageBrokerResource.class)
class OutboxKafkaOutageTest {
  private static final String IMAGE =
      "https://registry.example.com/team/app@sha256:"
          + "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  private static final Duration DRAIN_WAIT = Duration.ofSeconds(60);

  @InjectTestInfrastructure TestInfrastructure infrastructure;

  @Test
  void backlogDrainsAfterKafkaReturns() throws SQLException, IOException {
    ensureProject("p");
    api()
        .queryParam("noteId", "qa")
        .body("{\"attestation\":{\"hint\":{\"humanReadableName\":\"qa\"}}}")
        .post("/v1/projects/p/notes")
        .then()
        .statusCode(200);
    List<String> names = new ArrayList<>();
    KafkaBroker broker = startBroker();
    try {
      names.add(createAttestation());
      awaitUnpublished(0);
      broker.close();

      for (int i = 0; i < 4; i++) {
        names.add(createAttestation());
      }
      api().delete("/v1/" + names.get(0)).then().statusCode(200);
      awaitUnpublished(5);
      await()
          .atMost(DRAIN_WAIT)
          .untilAsserted(
              () -> assertThat(metric("custos_outbox_publish_failures_total")).isPositive());
      await()
          .atMost(DRAIN_WAIT)
          .untilAsserted(() -> assertThat(metric("custos_outbox_backlog_rows")).isEqualTo(5));

      broker = startBroker();
      awaitUnpublished(0);

      assertPublishedInOutboxOrder(broker, names);
    } finally {
      broker.close();
      deleteRecursively(folder());
    }
  }

  /**
   * Checks that every outbox row reached the topic and that the first appearance of each event id
   * follows the outbox order. Records sent again after a failed attempt may repeat an id.
   */
  private void assertPublishedInOutboxOrder(KafkaBroker broker, List<String> names)
      throws SQLException {
    List<String> published =
        TopicReader.readAll(
                broker.bootstrapServers(), infrastructure.topic(Topics.METADATA_OCCURRENCES))
            .stream()
            .filter(record -> names.contains(record.key()) && record.value() != null)
            .map(record -> header(record, CloudEventKafkaCodec.ID_HEADER))
            .toList();

    assertThat(new ArrayList<>(new LinkedHashSet<>(published)))
        .containsExactlyElementsOf(outboxEventIds());
  }

  /**
   * Starts the broker on the resource's folder and ports. The context class loader is set to the
   * one that loaded the broker's classes, because Kafka loads some classes by name through it and
   * its threads inherit it. The broker keeps its folder on close, so that the second start finds
   * the topics of the first.
   */
  private static KafkaBroker startBroker() {
    Config config = ConfigProvider.getConfig();
    int port = config.getValue(OutageBrokerResource.PORT, Integer.class);
    int controllerPort = config.getValue(OutageBrokerResource.CONTROLLER_PORT, Integer.class);
    Thread current = Thread.currentThread();
    ClassLoader previous = current.getContextClassLoader();
    current.setContextClassLoader(KafkaBroker.class.getClassLoader());
    try {
      return KafkaBroker.start(folder(), port, controllerPort, false);
    } finally {
      current.setContextClassLoader(previous);
    }
  }

  /**
   * Reads the resource's settings from the application's config at run time. Injecting them with
   * {@code @ConfigProperty} would fail the build of every other test class's application, where
   * they are not set.
   */
  private static Path folder() {
    return Path.of(ConfigProvider.getConfig().getValue(OutageBrokerResource.FOLDER, String.class));
  }

  // NOTE: KafkaBroker.close with deleteOnClose=true fails with IllegalAccessError when the test's
  // Quarkus class loader loaded KafkaBroker, because package-private Folders comes from the system
  // class loader. So the test deletes the folder itself.
  private static void deleteRecursively(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private String createAttestation() {
    return api()
        .body(
            "{\"resourceUri\":\""
                + IMAGE
                + "\",\"noteName\":\"projects/p/notes/qa\","
                + "\"attestation\":{\"serializedPayload\":\"e30=\","
                + "\"signatures\":[{\"signature\":\"c2ln\",\"publicKeyId\":\"key-1\"}]}}")
        .post("/v1/projects/p/occurrences")
        .then()
        .statusCode(200)
        .extract()
        .path("name");
  }

  private void awaitUnpublished(long expected) {
    await()
        .atMost(DRAIN_WAIT)
        .untilAsserted(() -> assertThat(countUnpublished()).isEqualTo(expected));
  }

  private long countUnpublished() throws SQLException {
    try (Connection connection = infrastructure.connect();
        PreparedStatement statement =
            connection.prepareStatement("SELECT count(*) FROM outbox WHERE published_at IS NULL");
        ResultSet result = statement.executeQuery()) {
      result.next();
      return result.getLong(1);
    }
  }

  private List<String> outboxEventIds() throws SQLException {
    try (Connection connection = infrastructure.connect();
        PreparedStatement statement =
            connection.prepareStatement("SELECT CAST(event_id AS text) FROM outbox ORDER BY id");
        ResultSet result = statement.executeQuery()) {
      List<String> ids = new ArrayList<>();
      while (result.next()) {
        ids.add(result.getString(1));
      }
      return ids;
    }
  }

  /**
   * Returns the value of an unlabelled Prometheus sample, such as {@code
   * custos_outbox_backlog_rows}.
   */
  private static double metric(String sample) {
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    for (String line : metrics.split("\n")) {
      if (line.startsWith(sample + " ")) {
        return Double.parseDouble(line.substring(sample.length() + 1).trim());
      }
    }

    throw new AssertionError("No sample " + sample + " in /q/metrics");
  }
}
