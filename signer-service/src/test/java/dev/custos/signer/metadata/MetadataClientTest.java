package dev.custos.signer.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.embedded.EmbeddedServers;
import dev.custos.signer.runner.GrafeasContractServer;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The metadata client against a real HTTP server with the metadata service's REST contract. */
class MetadataClientTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NOTE = "projects/custos/notes/release";
  private static final String RESOURCE =
      "https://registry.example.com/team/app@sha256:" + "a".repeat(64);

  private GrafeasContractServer server;
  private MetadataClient client;

  @BeforeEach
  void startServer() throws Exception {
    server =
        new GrafeasContractServer(
            EmbeddedServers.shared().kafka().bootstrapServers(), "metadata-client.", 2);
    server.addNote(NOTE);
    client =
        new MetadataClient(server.url(), GrafeasContractServer.TOKEN, 100, Duration.ofSeconds(5));
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void listFollowsPageTokens() {
    for (int i = 0; i < 5; i++) {
      client.createOccurrence("custos", attestation(RESOURCE));
    }
    client.createOccurrence("custos", attestation(RESOURCE.replace('a', 'b')));

    List<JsonNode> occurrences = client.listOccurrences("custos", RESOURCE);

    assertThat(occurrences).hasSize(5);
    assertThat(occurrences)
        .allSatisfy(o -> assertThat(o.get("resourceUri").asText()).isEqualTo(RESOURCE));
    assertThat(server.listRequests()).isEqualTo(3);
  }

  @Test
  void createReturnsServerSetName() {
    JsonNode created = client.createOccurrence("custos", attestation(RESOURCE));

    assertThat(created.get("name").asText()).startsWith("projects/custos/occurrences/");
    assertThat(created.get("kind").asText()).isEqualTo("ATTESTATION");
  }

  @Test
  void deleteOfMissingOccurrenceSucceeds() {
    JsonNode created = client.createOccurrence("custos", attestation(RESOURCE));

    client.deleteOccurrence(created.get("name").asText());
    client.deleteOccurrence(created.get("name").asText());

    assertThat(client.listOccurrences("custos", RESOURCE)).isEmpty();
  }

  @Test
  void unavailableServiceReported() {
    server.failNext(1, 503);

    assertThatThrownBy(() -> client.listOccurrences("custos", RESOURCE))
        .isInstanceOfSatisfying(
            MetadataServiceException.class,
            e -> {
              assertThat(e.status()).isEqualTo(503);
              assertThat(e.unavailable()).isTrue();
            })
        .hasMessageContaining("UNAVAILABLE: the service is unavailable");
  }

  @Test
  void wrongTokenIsNotUnavailable() {
    MetadataClient wrong = new MetadataClient(server.url(), "wrong", 100, Duration.ofSeconds(5));

    assertThatThrownBy(() -> wrong.listOccurrences("custos", RESOURCE))
        .isInstanceOfSatisfying(
            MetadataServiceException.class,
            e -> {
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.unavailable()).isFalse();
            })
        .hasMessageContaining("UNAUTHENTICATED");
  }

  @Test
  void missingNoteRejected() {
    ObjectNode occurrence = attestation(RESOURCE);
    occurrence.put("noteName", "projects/custos/notes/missing");

    assertThatThrownBy(() -> client.createOccurrence("custos", occurrence))
        .isInstanceOfSatisfying(
            MetadataServiceException.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessageContaining("projects/custos/notes/missing");
  }

  @Test
  void noServerIsUnavailable() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    MetadataClient closed =
        new MetadataClient(
            URI.create("http://127.0.0.1:" + port), "token", 100, Duration.ofSeconds(2));

    assertThatThrownBy(() -> closed.listOccurrences("custos", RESOURCE))
        .isInstanceOfSatisfying(
            MetadataServiceException.class, e -> assertThat(e.status()).isZero())
        .hasMessageContaining("failed without a response");
  }

  @Test
  void invalidArgumentsRejected() {
    assertThatThrownBy(() -> client.listOccurrences("bad/project", RESOURCE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'bad/project' is not a project id");
    assertThatThrownBy(() -> client.deleteOccurrence("projects/x/notes/y"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not an occurrence name");
    assertThatThrownBy(() -> new MetadataClient(server.url(), "t", 0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pageSize");
  }

  private static ObjectNode attestation(String resourceUri) {
    ObjectNode occurrence = JSON.createObjectNode();
    occurrence.put("resourceUri", resourceUri);
    occurrence.put("noteName", NOTE);
    occurrence.putObject("attestation").put("serializedPayload", "e30=");
    return occurrence;
  }
}
