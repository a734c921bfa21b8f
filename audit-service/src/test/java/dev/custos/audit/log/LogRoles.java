package dev.custos.audit.log;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The owner and service roles of the log's tables, created on the embedded PostgreSQL server the
 * way README.md tells an administrator to create them. Roles belong to the whole server, so every
 * test database shares them.
 */
public final class LogRoles {
  public static final String OWNER = "custos_audit_owner";
  public static final String SERVICE = "custos_audit";

  /**
   * The embedded server trusts loopback connections, so it ignores passwords, but Quarkus uses
   * {@code quarkus.flyway.username} only when a password is set too.
   */
  public static final String UNUSED_PASSWORD = "unused-with-trust-authentication";

  private LogRoles() {}

  /**
   * Creates both roles unless they exist, and makes the owner role own {@code database}, which lets
   * it create tables in the database's {@code public} schema.
   */
  public static void setUp(Connection superuser, String database) throws SQLException {
    try (Statement statement = superuser.createStatement()) {
      statement.execute(createRoleUnlessExists(OWNER));
      statement.execute(createRoleUnlessExists(SERVICE));
      statement.execute("ALTER DATABASE " + database + " OWNER TO " + OWNER);
    }
  }

  private static String createRoleUnlessExists(String role) {
    return "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '"
        + role
        + "') THEN CREATE ROLE "
        + role
        + " LOGIN; END IF; END $$";
  }
}
