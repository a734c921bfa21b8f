package dev.custos.audit.log;

import dev.custos.embedded.EmbeddedServers;
import dev.custos.embedded.PostgresServer;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A new database on the shared embedded PostgreSQL server, migrated by Flyway as the owner role,
 * with data sources for the service role, the owner and the superuser.
 */
public final class LogDatabase {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final PostgresServer server;
  private final String name;
  private DataSource service;

  private LogDatabase(PostgresServer server, String name) {
    this.server = server;
    this.name = name;
  }

  /** Creates and migrates a database whose name starts with {@code prefix}. */
  public static LogDatabase create(String prefix) {
    LogDatabase database = createEmpty(prefix);
    database.migrate("latest");
    return database;
  }

  /** Creates a database with the log's roles whose schema Flyway migrated up to {@code version}. */
  static LogDatabase createAt(String prefix, String version) {
    LogDatabase database = createEmpty(prefix);
    database.migrate(version);
    return database;
  }

  private static LogDatabase createEmpty(String prefix) {
    PostgresServer server = EmbeddedServers.shared().postgres();
    String name = prefix + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    server.createDatabase(name);
    LogDatabase database = new LogDatabase(server, name);
    try (Connection superuser = database.superuser().getConnection()) {
      LogRoles.setUp(superuser, name);
    } catch (SQLException e) {
      throw new IllegalStateException("creating the log roles in " + name + " failed", e);
    }
    return database;
  }

  /** Migrates the schema up to {@code version}, or to the newest migration with "latest". */
  void migrate(String version) {
    Flyway.configure()
        .dataSource(owner())
        .locations("classpath:db/migration")
        .placeholders(Map.of("service_role", LogRoles.SERVICE))
        .target(version)
        .load()
        .migrate();
  }

  String name() {
    return name;
  }

  /**
   * Returns a connection pool of the service's role, which may only INSERT and SELECT. It is a pool
   * because the tests read hundreds of roots and proofs, and a new connection costs more than one.
   */
  public synchronized DataSource service() {
    if (service == null) {
      service = pool(LogRoles.SERVICE);
    }
    return service;
  }

  /** Returns connections as the owner of the tables, the role that ran the migrations. */
  DataSource owner() {
    return dataSource(LogRoles.OWNER);
  }

  DataSource superuser() {
    return dataSource(PostgresServer.SUPERUSER);
  }

  private DataSource pool(String user) {
    AgroalDataSourceConfigurationSupplier configuration =
        new AgroalDataSourceConfigurationSupplier()
            .connectionPoolConfiguration(
                pool ->
                    pool.maxSize(4)
                        .connectionFactoryConfiguration(
                            factory ->
                                factory
                                    .jdbcUrl(server.jdbcUrl(name))
                                    .principal(new NamePrincipal(user))));
    try {
      return AgroalDataSource.from(configuration);
    } catch (SQLException e) {
      throw new IllegalStateException("creating a connection pool for " + name + " failed", e);
    }
  }

  private DataSource dataSource(String user) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(server.jdbcUrl(name));
    dataSource.setUser(user);
    return dataSource;
  }
}
