package dev.custos.metadata.outage;

import dev.custos.embedded.EmbeddedServersResource;
import dev.custos.embedded.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The shared Kafka broker with a PostgreSQL server of the test class's own, which the test stops
 * and starts again through the injected {@link Database}.
 */
public class OwnPostgresResource extends EmbeddedServersResource {
  private static final String DATABASE = "custos";

  private Database database;

  /** Marks the test field that receives the {@link Database}. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.FIELD)
  public @interface InjectDatabase {}

  /** The test class's PostgreSQL server, which keeps its data folder across a stop and a start. */
  public static final class Database {
    private final Path folder;
    private final int port;
    private PostgresServer server;

    Database(Path folder, int port) {
      this.folder = folder;
      this.port = port;
      // Not "clean": a server started clean deletes its cluster when it stops.
      this.server = PostgresServer.start(folder, port, false, false);
      server.createDatabase(DATABASE);
    }

    /** Stops the server; its data stays in the folder. */
    public synchronized void stop() {
      if (server != null) {
        server.close();
        server = null;
      }
    }

    /** Starts the server again on the same port and data. */
    public synchronized void start() {
      if (server == null) {
        server = PostgresServer.start(folder, port, false, false);
      }
    }

    synchronized void close() {
      stop();
      try (var paths = Files.walk(folder)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException("Deleting " + folder + " failed", e);
      }
    }
  }

  @Override
  public Map<String, String> start() {
    Map<String, String> config = new HashMap<>(super.start());
    try {
      database = new Database(Files.createTempDirectory("custos-outage-postgres-"), freePort());
    } catch (IOException e) {
      throw new UncheckedIOException("Creating a folder for PostgreSQL failed", e);
    }
    String server = "127.0.0.1:" + database.port + "/" + DATABASE;
    config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + server);
    config.put("quarkus.datasource.reactive.url", "postgresql://" + server);

    return config;
  }

  @Override
  public void inject(QuarkusTestResourceLifecycleManager.TestInjector testInjector) {
    super.inject(testInjector);
    testInjector.injectIntoFields(
        database,
        new QuarkusTestResourceLifecycleManager.TestInjector.AnnotatedAndMatchesType(
            InjectDatabase.class, Database.class));
  }

  @Override
  public void stop() {
    if (database != null) {
      database.close();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Finding a free loopback port failed", e);
    }
  }
}
