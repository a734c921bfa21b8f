package dev.custos.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop HTTPS load generator on loopback: {@code connections} loops, each with one request
 * in flight on its own keep-alive connection, as wrk does. A run stops at its duration or its
 * request count, whichever comes first, and records every latency.
 */
final class HttpLoad implements AutoCloseable {
  /** The result of one run. */
  record Result(long requests, long errors, double seconds, long[] latenciesNanos) {
    double throughput() {
      return requests / seconds;
    }

    /** Returns the latency at {@code percentile} (0 to 100) in microseconds. */
    double percentileMicros(double percentile) {
      if (latenciesNanos.length == 0) {
        return Double.NaN;
      }
      int index = (int) Math.ceil(percentile / 100 * latenciesNanos.length) - 1;
      return latenciesNanos[Math.max(0, Math.min(index, latenciesNanos.length - 1))] / 1000.0;
    }
  }

  private final Vertx vertx;
  private final HttpClient client;
  private final int connections;
  private final int port;

  HttpLoad(int port, int connections) {
    this.port = port;
    this.connections = connections;
    this.vertx = Vertx.vertx();
    HttpClientOptions options =
        new HttpClientOptions()
            .setSsl(true)
            // Loopback only, to a certificate the benchmark made itself.
            .setTrustAll(true)
            .setVerifyHost(false)
            .setKeepAlive(true)
            .setPipelining(false);
    this.client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(connections));
  }

  /** Posts {@code body} to {@code path} until {@code durationMs} or {@code maxRequests}. */
  Result run(String path, byte[] body, long durationMs, int maxRequests) {
    Buffer payload = Buffer.buffer(body);
    long[] latencies = new long[maxRequests];
    AtomicInteger recorded = new AtomicInteger();
    AtomicLong errors = new AtomicLong();
    long startNanos = System.nanoTime();
    long endNanos = startNanos + TimeUnit.MILLISECONDS.toNanos(durationMs);
    CompletableFuture<?>[] loops = new CompletableFuture<?>[connections];
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setHost("127.0.0.1")
            .setPort(port)
            .setURI(path)
            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
            .putHeader(HttpHeaders.ACCEPT, "application/json");
    for (int i = 0; i < connections; i++) {
      CompletableFuture<Void> loop = new CompletableFuture<>();
      loops[i] = loop;
      vertx.runOnContext(
          v -> next(options, payload, latencies, recorded, errors, endNanos, maxRequests, loop));
    }
    CompletableFuture.allOf(loops).join();
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    int count = Math.min(recorded.get(), maxRequests);
    long[] sorted = Arrays.copyOf(latencies, count);
    Arrays.sort(sorted);
    return new Result(count, errors.get(), seconds, sorted);
  }

  private void next(
      RequestOptions options,
      Buffer payload,
      long[] latencies,
      AtomicInteger recorded,
      AtomicLong errors,
      long endNanos,
      int maxRequests,
      CompletableFuture<Void> loop) {
    long sentNanos = System.nanoTime();
    if (sentNanos >= endNanos || recorded.get() >= maxRequests) {
      loop.complete(null);
      return;
    }
    client
        .request(options)
        .compose(request -> request.send(payload))
        .compose(
            response ->
                response.body().map(bodyBytes -> response.statusCode() == 200 ? bodyBytes : null))
        .onComplete(
            done -> {
              if (done.succeeded() && done.result() != null) {
                int slot = recorded.getAndIncrement();
                if (slot < maxRequests) {
                  latencies[slot] = System.nanoTime() - sentNanos;
                }
              } else {
                errors.incrementAndGet();
              }
              next(options, payload, latencies, recorded, errors, endNanos, maxRequests, loop);
            });
  }

  @Override
  public void close() {
    client.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }
}
