package dev.custos.admission.fallback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custos.admission.fallback.MetadataQueryException.Outcome;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Lists occurrences of the metadata service's Grafeas v1 REST API with the Vert.x HTTP client,
 * without blocking: {@code GET /v1/projects/{project}/occurrences?filter=...&pageSize=...}. Every
 * call ends within the timeout, because a timer resets the request when it fires.
 */
final class MetadataClient implements AutoCloseable {
  /** How many occurrences one query requests; only the first page is read. */
  static final int PAGE_SIZE = 10;

  /** The largest response body read; a larger one fails the query. */
  static final int MAX_BODY_BYTES = 1024 * 1024;

  /** How much of an error body goes into the failure message. */
  private static final int MAX_ERROR_DETAIL = 200;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Vertx vertx;
  private final HttpClient client;
  private final URI base;
  private final String basePath;
  private final long timeoutMs;
  private final Supplier<String> token;

  /**
   * Creates a client for {@code base}, an {@code http} or {@code https} URL.
   *
   * @param token returns the bearer token, or null to send none
   * @param trustFile PEM certificates to trust for {@code https}, or null for the JVM's trust store
   */
  MetadataClient(
      Vertx vertx,
      URI base,
      long timeoutMs,
      int maxConnections,
      Supplier<String> token,
      Path trustFile) {
    this.vertx = vertx;
    this.base = base;
    this.timeoutMs = timeoutMs;
    this.token = token;
    String path = base.getRawPath() == null ? "" : base.getRawPath();
    this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;

    HttpClientOptions options =
        new HttpClientOptions()
            .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMs))
            .setKeepAlive(true);
    if (isHttps(base)) {
      options.setSsl(true).setVerifyHost(true);
      if (trustFile != null) {
        options.setTrustOptions(new PemTrustOptions().addCertPath(trustFile.toString()));
      }
    }
    this.client =
        vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(maxConnections));
  }

  static boolean isHttps(URI uri) {
    return "https".equalsIgnoreCase(uri.getScheme());
  }

  /**
   * Returns the body of the first page of occurrences in {@code project} that match {@code filter},
   * or fails with a {@link MetadataQueryException}.
   */
  Future<Buffer> listOccurrences(String project, String filter) {
    String uri =
        basePath
            + "/v1/projects/"
            + URLEncoder.encode(project, StandardCharsets.UTF_8)
            + "/occurrences?filter="
            + URLEncoder.encode(filter, StandardCharsets.UTF_8)
            + "&pageSize="
            + PAGE_SIZE;
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setHost(base.getHost())
            .setPort(port())
            .setSsl(isHttps(base))
            .setURI(uri)
            .putHeader(HttpHeaders.ACCEPT, "application/json");
    String bearer = token.get();
    if (bearer != null) {
      options.putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + bearer);
    }

    Promise<Buffer> result = Promise.promise();
    AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
    long timer =
        vertx.setTimer(
            timeoutMs,
            id -> {
              if (result.tryFail(
                  new MetadataQueryException(
                      Outcome.TIMEOUT,
                      "the metadata service did not respond within " + timeoutMs + " ms"))) {
                HttpClientRequest request = sent.get();
                if (request != null) {
                  request.reset();
                }
              }
            });

    client
        .request(options)
        .compose(
            request -> {
              sent.set(request);
              return request.send();
            })
        .compose(this::readBody)
        .onComplete(
            done -> {
              vertx.cancelTimer(timer);
              if (done.succeeded()) {
                result.tryComplete(done.result());
              } else {
                result.tryFail(wrap(done.cause()));
              }
            });
    return result.future();
  }

  private int port() {
    if (base.getPort() > 0) {
      return base.getPort();
    }
    return isHttps(base) ? 443 : 80;
  }

  private Future<Buffer> readBody(HttpClientResponse response) {
    String length = response.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null && parseLength(length) > MAX_BODY_BYTES) {
      response.request().reset();
      return Future.failedFuture(tooLarge());
    }

    Promise<Buffer> body = Promise.promise();
    Buffer buffer = Buffer.buffer();
    response.handler(
        chunk -> {
          if (buffer.length() + chunk.length() > MAX_BODY_BYTES) {
            if (body.tryFail(tooLarge())) {
              response.request().reset();
            }
          } else {
            buffer.appendBuffer(chunk);
          }
        });
    response.exceptionHandler(body::tryFail);
    response.endHandler(end -> body.tryComplete(buffer));
    return body.future()
        .compose(
            complete -> {
              if (response.statusCode() == 200) {
                return Future.succeededFuture(complete);
              }
              return Future.failedFuture(
                  new MetadataQueryException(
                      Outcome.ERROR,
                      "the metadata service responded with HTTP "
                          + response.statusCode()
                          + errorDetail(complete)));
            });
  }

  private static long parseLength(String header) {
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static MetadataQueryException tooLarge() {
    return new MetadataQueryException(
        Outcome.ERROR,
        "the metadata service responded with more than " + MAX_BODY_BYTES + " bytes");
  }

  /**
   * Returns ": " and the {@code message} of a Google API error body ({@code {"code", "message",
   * "status"}}, or the same inside {@code "error"}), else the start of the body, or nothing.
   */
  private static String errorDetail(Buffer body) {
    if (body.length() == 0) {
      return "";
    }
    try {
      JsonNode error = JSON.readTree(body.getBytes());
      JsonNode message = error.path("message").isTextual() ? error : error.path("error");
      if (message.path("message").isTextual()) {
        return ": " + message.path("message").textValue();
      }
    } catch (IOException e) {
      // Not JSON: the text itself follows.
    }
    String text = body.getString(0, Math.min(body.length(), MAX_ERROR_DETAIL)).strip();
    return text.isEmpty() ? "" : ": " + text.replaceAll("\\s+", " ");
  }

  private MetadataQueryException wrap(Throwable cause) {
    if (cause instanceof MetadataQueryException query) {
      return query;
    }
    String detail =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new MetadataQueryException(
        Outcome.ERROR,
        "the metadata service at " + base + " could not be queried: " + detail,
        cause);
  }

  @Override
  public void close() {
    client.close();
  }
}
