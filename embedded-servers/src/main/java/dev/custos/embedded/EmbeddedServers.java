package dev.custos.embedded;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka broker and a PostgreSQL server started together, in parallel. Tests share one pair per
 * JVM through {@link #shared()}; each test class then takes its own database and topics.
 */
public final class EmbeddedServers implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServers.class);
  private static EmbeddedServers shared;

  private final KafkaBroker kafka;
  private final PostgresServer postgres;
  private final Duration startTime;

  private EmbeddedServers(KafkaBroker kafka, PostgresServer postgres, Duration startTime) {
    this.kafka = kafka;
    this.postgres = postgres;
    this.startTime = startTime;
  }

  /** Returns the servers of this JVM, starting them on first use and stopping them at exit. */
  public static synchronized EmbeddedServers shared() {
    if (shared == null) {
      shared = startTemporary();
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "custos-embedded-stop"));
    }
    return shared;
  }

  /** Starts both servers at once on free loopback ports, with temporary data folders. */
  public static EmbeddedServers startTemporary() {
    Instant started = Instant.now();
    CompletableFuture<KafkaBroker> kafka = startInOwnLoader(KafkaBroker::startTemporary);
    CompletableFuture<PostgresServer> postgres = startInOwnLoader(PostgresServer::startTemporary);
    try {
      CompletableFuture.allOf(kafka, postgres).join();
    } catch (CompletionException e) {
      kafka.thenAccept(KafkaBroker::close);
      postgres.thenAccept(PostgresServer::close);
      throw unwrap(e);
    }
    Duration startTime = Duration.between(started, Instant.now());
    LOG.atInfo()
        .addKeyValue("bootstrapServers", kafka.join().bootstrapServers())
        .addKeyValue("postgresPort", postgres.join().port())
        .addKeyValue("startMs", startTime.toMillis())
        .log("Embedded Kafka and PostgreSQL ready");
    return new EmbeddedServers(kafka.join(), postgres.join(), startTime);
  }

  /**
   * Runs {@code start} on a new thread whose context class loader is this class's own. Kafka loads
   * plug-in classes by name through the context loader, and its threads inherit it, so a Quarkus
   * test loader there would mix two copies of the broker's classes.
   */
  static <T> CompletableFuture<T> startInOwnLoader(Supplier<T> start) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                result.complete(start.get());
              } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
              }
            },
            "custos-embedded-start");
    thread.setContextClassLoader(EmbeddedServers.class.getClassLoader());
    thread.setDaemon(true);
    thread.start();
    return result;
  }

  private static RuntimeException unwrap(CompletionException e) {
    if (e.getCause() instanceof RuntimeException) {
      return (RuntimeException) e.getCause();
    }
    return new EmbeddedServerException("starting the embedded servers failed", e.getCause());
  }

  public KafkaBroker kafka() {
    return kafka;
  }

  public PostgresServer postgres() {
    return postgres;
  }

  /** Returns the wall-clock time both servers took to become ready, started in parallel. */
  public Duration startTime() {
    return startTime;
  }

  @Override
  public void close() {
    try {
      kafka.close();
    } finally {
      postgres.close();
    }
  }
}
