package dev.custos.admission.fallback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.admission.fallback.MetadataQueryException.Outcome;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metadata-service client against {@link MetadataStub} and a closed port on loopback. */
class MetadataClientTest {
  private static final String TOKEN = "client-test-token";
  private static final String NOTE = "projects/custos/notes/qa";

  /** The timeout of the stalled query; the others get more, since the first query loads classes. */
  private static final long TIMEOUT_MS = 500;

  private static final long LONG_TIMEOUT_MS = 5_000;

  @TempDir Path folder;

  private Vertx vertx;
  private MetadataStub stub;

  @BeforeEach
  void start() throws IOException {
    vertx = Vertx.vertx();
    stub = new MetadataStub(folder, TOKEN);
  }

  @AfterEach
  void stop() {
    stub.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @Test
  void listReturnsBodyAndSendsToken() throws Exception {
    String hex = "ab".repeat(32);
    Files.writeString(folder.resolve(hex + ".json"), "[{\"name\":\"projects/p/occurrences/1\"}]");

    Buffer body = await(client(stub.url(), TOKEN).listOccurrences("custos", filter(hex)));

    assertThat(body.toString())
        .isEqualTo("{\"occurrences\":[{\"name\":\"projects/p/occurrences/1\"}]}");
    String request = Files.readString(folder.resolve(MetadataStub.REQUESTS));
    assertThat(request).startsWith("/v1/projects/custos/occurrences?filter=" + filter(hex));
    assertThat(request).contains("&pageSize=" + MetadataClient.PAGE_SIZE);
  }

  @Test
  void wrongTokenIsError() {
    MetadataQueryException failure =
        failure(client(stub.url(), "other").listOccurrences("custos", filter("ab".repeat(32))));

    assertThat(failure.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(failure)
        .hasMessage("the metadata service responded with HTTP 401: missing or wrong bearer token");
  }

  @Test
  void serverErrorIsError() {
    String hex = (MetadataStub.FAIL + "ab".repeat(32)).substring(0, 64);

    MetadataQueryException failure =
        failure(client(stub.url(), TOKEN).listOccurrences("custos", filter(hex)));

    assertThat(failure.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(failure)
        .hasMessage("the metadata service responded with HTTP 500: database unavailable");
  }

  @Test
  void stalledServerTimesOut() {
    String hex = (MetadataStub.STALL + "ab".repeat(32)).substring(0, 64);

    long start = System.nanoTime();
    MetadataQueryException failure =
        failure(client(stub.url(), TOKEN, TIMEOUT_MS).listOccurrences("custos", filter(hex)));
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(failure.outcome()).isEqualTo(Outcome.TIMEOUT);
    assertThat(failure).hasMessage("the metadata service did not respond within 500 ms");
    assertThat(elapsedMs).isBetween(TIMEOUT_MS - 50, MetadataStub.STALL_TIME_MS / 2);
  }

  @Test
  void serverDownIsError() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }

    MetadataQueryException failure =
        failure(
            client("http://127.0.0.1:" + closedPort, TOKEN)
                .listOccurrences("custos", filter("ab".repeat(32))));

    assertThat(failure.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(failure)
        .hasMessageStartingWith(
            "the metadata service at http://127.0.0.1:" + closedPort + " could not be queried: ");
  }

  @Test
  void oversizedBodyIsError() throws Exception {
    String hex = "cd".repeat(32);
    String big = "[\"" + "x".repeat(MetadataClient.MAX_BODY_BYTES) + "\"]";
    Files.writeString(folder.resolve(hex + ".json"), big);

    MetadataQueryException failure =
        failure(client(stub.url(), TOKEN).listOccurrences("custos", filter(hex)));

    assertThat(failure.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(failure)
        .hasMessageContaining("more than " + MetadataClient.MAX_BODY_BYTES + " bytes");
  }

  private MetadataClient client(String url, String token) {
    return client(url, token, LONG_TIMEOUT_MS);
  }

  private MetadataClient client(String url, String token, long timeoutMs) {
    return new MetadataClient(vertx, URI.create(url), timeoutMs, 4, () -> token, null);
  }

  private static String filter(String hex) {
    return "resourceUri=\"https://127.0.0.1:5055/team/demo@sha256:"
        + hex
        + "\" AND noteName=\""
        + NOTE
        + "\"";
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private static MetadataQueryException failure(Future<?> future) {
    try {
      await(future);
    } catch (java.util.concurrent.ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(MetadataQueryException.class);
      return (MetadataQueryException) e.getCause();
    } catch (Exception e) {
      throw new AssertionError("the query did not fail in time", e);
    }
    throw new AssertionError("the query succeeded, but it should have failed");
  }
}
