package dev.custos.audit;

import dev.custos.audit.log.LogRoles;
import dev.custos.embedded.EmbeddedServersResource;
import dev.custos.embedded.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The embedded servers, with the log's owner and service roles set up in the test class's database:
 * Flyway migrates as the owner and the application connects as the service role, as in production.
 */
public class AuditDatabaseResource extends EmbeddedServersResource {

  @Override
  public Map<String, String> start() {
    Map<String, String> config = new HashMap<>(super.start());
    String jdbcUrl = config.get("quarkus.datasource.jdbc.url");
    String database = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
    try (Connection superuser =
        DriverManager.getConnection(jdbcUrl, PostgresServer.SUPERUSER, "")) {
      LogRoles.setUp(superuser, database);
    } catch (SQLException e) {
      throw new IllegalStateException("creating the log roles in " + database + " failed", e);
    }

    config.put("quarkus.datasource.username", LogRoles.SERVICE);
    config.put("quarkus.flyway.username", LogRoles.OWNER);
    config.put("quarkus.flyway.password", LogRoles.UNUSED_PASSWORD);
    return config;
  }
}
