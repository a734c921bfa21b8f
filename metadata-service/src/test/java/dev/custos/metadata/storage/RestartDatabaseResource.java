package dev.custos.metadata.storage;

import dev.custos.embedded.EmbeddedServersResource;
import dev.custos.embedded.PostgresServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * The shared embedded servers with one database, {@value #DATABASE}, that every test class using
 * this resource shares, so that data written by one application survives into the next.
 */
public class RestartDatabaseResource extends EmbeddedServersResource {
  static final String DATABASE = "custos_restart";

  @Override
  public Map<String, String> start() {
    Map<String, String> config = new HashMap<>(super.start());
    String ownJdbcUrl = config.get("quarkus.datasource.jdbc.url");
    String server = ownJdbcUrl.substring(0, ownJdbcUrl.lastIndexOf('/') + 1);
    createIfMissing(server);

    String jdbcUrl = server + DATABASE;
    config.put("quarkus.datasource.jdbc.url", jdbcUrl);
    config.put("quarkus.datasource.reactive.url", jdbcUrl.substring("jdbc:".length()));

    return config;
  }

  /** Opens a superuser connection to a database, without DriverManager's class loader checks. */
  static Connection connect(String jdbcUrl) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", PostgresServer.SUPERUSER);

    return new Driver().connect(jdbcUrl, properties);
  }

  private static void createIfMissing(String server) {
    try (Connection connection = connect(server + "postgres");
        PreparedStatement exists =
            connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, DATABASE);
      try (ResultSet rows = exists.executeQuery()) {
        if (rows.next()) {
          return;
        }
      }
      try (Statement create = connection.createStatement()) {
        create.execute("CREATE DATABASE " + DATABASE);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Creating database " + DATABASE + " failed", e);
    }
  }
}
