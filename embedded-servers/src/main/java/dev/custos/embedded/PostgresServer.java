package dev.custos.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server, from binaries shipped in a Maven artifact, running as a child process
 * that listens on loopback only.
 */
public final class PostgresServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);

  /** The superuser that the embedded server trusts on loopback without a password. */
  public static final String SUPERUSER = "postgres";

  private final EmbeddedPostgres postgres;
  private final Path dataDirectory;
  private final boolean deleteOnClose;

  private PostgresServer(EmbeddedPostgres postgres, Path dataDirectory, boolean deleteOnClose) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
    this.deleteOnClose = deleteOnClose;
  }

  /** Starts a server on a free port with its data in a temporary folder deleted on close. */
  public static PostgresServer startTemporary() {
    try {
      return start(Files.createTempDirectory("custos-postgres-"), LoopbackPorts.free(), true, true);
    } catch (IOException e) {
      throw new EmbeddedServerException("creating a temporary folder for PostgreSQL failed", e);
    }
  }

  /**
   * Starts a server whose cluster lives in {@code dataDirectory/data}. With {@code clean} false an
   * existing cluster there is reused, so databases survive a restart.
   */
  public static PostgresServer start(
      Path dataDirectory, int port, boolean clean, boolean deleteOnClose) {
    Instant started = Instant.now();
    Path clusterDirectory = dataDirectory.resolve("data");
    EmbeddedPostgres postgres;
    try {
      Files.createDirectories(dataDirectory);
      postgres =
          EmbeddedPostgres.builder()
              .setPort(port)
              .setDataDirectory(clusterDirectory)
              .setCleanDataDirectory(clean)
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("max_connections", "300")
              .setServerConfig("fsync", "off")
              .setPGStartupWait(Duration.ofSeconds(60))
              .setRegisterShutdownHook(false)
              .start();
    } catch (IOException | RuntimeException e) {
      throw new EmbeddedServerException(
          "starting PostgreSQL on 127.0.0.1:" + port + " failed; is the port taken?", e);
    }
    PostgresServer server = new PostgresServer(postgres, dataDirectory, deleteOnClose);
    LOG.atInfo()
        .addKeyValue("port", port)
        .addKeyValue("startMs", Duration.between(started, Instant.now()).toMillis())
        .log("PostgreSQL ready");
    return server;
  }

  public int port() {
    return postgres.getPort();
  }

  /**
   * Returns the JDBC URL of {@code database}, for example {@code
   * jdbc:postgresql://127.0.0.1:5432/x}.
   */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
  }

  /** Returns the Vert.x reactive client URL of {@code database}. */
  public String reactiveUrl(String database) {
    return "postgresql://127.0.0.1:" + port() + "/" + database;
  }

  /** Opens a superuser connection to {@code database}. */
  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), SUPERUSER, "");
  }

  /** Creates {@code database} unless it exists. */
  public void createDatabase(String database) {
    try (Connection connection = connect("postgres")) {
      Databases.createIfMissing(connection, database);
    } catch (SQLException e) {
      throw new EmbeddedServerException("creating database " + database + " failed", e);
    }
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new EmbeddedServerException("stopping PostgreSQL on port " + port() + " failed", e);
    } finally {
      if (deleteOnClose) {
        Folders.deleteRecursively(dataDirectory);
      }
    }
  }
}
