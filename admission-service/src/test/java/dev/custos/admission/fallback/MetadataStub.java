package dev.custos.admission.fallback;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the metadata service's occurrence list on loopback. Its response depends on the
 * digest in the {@code resourceUri} of the filter, so that tests need no shared state with it:
 *
 * <ul>
 *   <li>a hex digest starting with {@value #STALL}: no answer for {@link #STALL_TIME_MS};
 *   <li>starting with {@value #FAIL}: HTTP 500 with a Google API error body;
 *   <li>otherwise: the occurrences in {@code <folder>/<hex>.json}, a JSON array, or none.
 * </ul>
 *
 * Each request's decoded query is appended to {@code <folder>/requests.log}. A request without
 * {@code Authorization: Bearer <token>} gets 401.
 */
public final class MetadataStub implements AutoCloseable {
  public static final String STALL = "5a11";
  public static final String FAIL = "5000";
  public static final long STALL_TIME_MS = 10_000;
  public static final String REQUESTS = "requests.log";

  private static final Pattern DIGEST = Pattern.compile("@sha256:([0-9a-f]{64})\"");

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Path folder;
  private final String token;

  public MetadataStub(Path folder, String token) throws IOException {
    this.folder = folder;
    this.token = token;
    Files.createDirectories(folder);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** Returns the base URL, {@code http://127.0.0.1:<port>}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String query = exchange.getRequestURI().getRawQuery();
      String decoded = query == null ? "" : URLDecoder.decode(query, StandardCharsets.UTF_8);
      Files.writeString(
          folder.resolve(REQUESTS),
          exchange.getRequestURI().getRawPath() + "?" + decoded + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);

      if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        send(exchange, 401, "{\"code\":16,\"message\":\"missing or wrong bearer token\"}");
        return;
      }
      Matcher digest = DIGEST.matcher(decoded);
      String hex = digest.find() ? digest.group(1) : "";
      if (hex.startsWith(STALL)) {
        Thread.sleep(STALL_TIME_MS);
        send(exchange, 200, "{}");
      } else if (hex.startsWith(FAIL)) {
        send(
            exchange,
            500,
            "{\"code\":13,\"message\":\"database unavailable\",\"status\":\"INTERNAL\"}");
      } else {
        Path file = folder.resolve(hex + ".json");
        String occurrences = Files.exists(file) ? Files.readString(file) : "[]";
        send(exchange, 200, "{\"occurrences\":" + occurrences + "}");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
