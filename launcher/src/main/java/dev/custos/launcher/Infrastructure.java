package dev.custos.launcher;

import dev.custos.embedded.KafkaBroker;
import dev.custos.embedded.PostgresServer;
import dev.custos.events.Topics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The Kafka broker and the PostgreSQL server of a local run, with the topics, roles and databases
 * that the services expect a deployment to create.
 */
final class Infrastructure implements AutoCloseable {

  /** Topics that consumers rebuild their state from; the event contracts make them compacted. */
  private static final Set<String> COMPACTED =
      Set.of(Topics.METADATA_OCCURRENCES, Topics.METADATA_ATTESTATIONS);

  private static final List<String> TOPICS =
      List.of(
          Topics.REGISTRY_PUSHES,
          Topics.METADATA_OCCURRENCES,
          Topics.METADATA_ATTESTATIONS,
          Topics.SIGNER_OUTCOMES,
          Topics.ADMISSION_DECISIONS,
          Topics.ADMISSION_REVOKED,
          Topics.AUDIT_LOG,
          Topics.deadLetter(Topics.REGISTRY_PUSHES));

  /** Each database, its owner role and the owner's development password. */
  private static final List<DatabaseRole> DATABASES =
      List.of(
          new DatabaseRole("custos_metadata", "custos_metadata", "custos-dev-metadata-password"),
          new DatabaseRole(
              "custos_audit", "custos_audit_owner", "custos-dev-audit-owner-password"));

  /**
   * Roles that own nothing: the audit service's role, which the migrations grant INSERT and SELECT.
   */
  private static final Map<String, String> SERVICE_ROLES =
      Map.of("custos_audit", "custos-dev-audit-password");

  private final KafkaBroker kafka;
  private final PostgresServer postgres;

  private Infrastructure(KafkaBroker kafka, PostgresServer postgres) {
    this.kafka = kafka;
    this.postgres = postgres;
  }

  /** Starts both servers in parallel on {@code ports}, with their data under {@code home}. */
  static Infrastructure start(Home home, Ports ports) {
    CompletableFuture<KafkaBroker> kafka =
        CompletableFuture.supplyAsync(
            () ->
                KafkaBroker.start(home.kafkaData(), ports.kafka(), ports.kafkaController(), false));
    CompletableFuture<PostgresServer> postgres =
        CompletableFuture.supplyAsync(
            () -> PostgresServer.start(home.postgresData(), ports.postgres(), false, false));
    try {
      CompletableFuture.allOf(kafka, postgres).join();
    } catch (CompletionException e) {
      kafka.thenAccept(KafkaBroker::close);
      postgres.thenAccept(PostgresServer::close);
      throw new LauncherException(
          "starting Kafka and PostgreSQL failed: " + e.getCause().getMessage(), e.getCause());
    }
    Infrastructure infrastructure = new Infrastructure(kafka.join(), postgres.join());
    try {
      infrastructure.createTopics();
      infrastructure.createDatabases();
    } catch (RuntimeException e) {
      infrastructure.close();
      throw e;
    }
    return infrastructure;
  }

  String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  private void createTopics() {
    try (Admin admin = Admin.create(kafka.adminProperties())) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing =
          TOPICS.stream().filter(topic -> !existing.contains(topic)).map(this::newTopic).toList();
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LauncherException("interrupted while creating the Kafka topics");
    } catch (ExecutionException | TimeoutException e) {
      throw new LauncherException("creating the Kafka topics failed: " + e.getMessage(), e);
    }
  }

  private NewTopic newTopic(String name) {
    NewTopic topic = new NewTopic(name, Optional.of(1), Optional.empty());
    if (COMPACTED.contains(name)) {
      topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }
    return topic;
  }

  private void createDatabases() {
    try (Connection connection = postgres.connect("postgres")) {
      for (DatabaseRole database : DATABASES) {
        createRole(connection, database.owner(), database.password());
        createDatabase(connection, database);
      }
      for (Map.Entry<String, String> role : SERVICE_ROLES.entrySet()) {
        createRole(connection, role.getKey(), role.getValue());
      }
    } catch (SQLException e) {
      throw new LauncherException(
          "creating the databases on PostgreSQL port " + postgres.port() + " failed", e);
    }
  }

  /** Creates a login role unless it exists. Names and passwords are constants of this class. */
  private static void createRole(Connection connection, String role, String password)
      throws SQLException {
    if (exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", role)) {
      return;
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "'");
    }
  }

  private static void createDatabase(Connection connection, DatabaseRole database)
      throws SQLException {
    if (exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", database.name())) {
      return;
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + database.name() + " OWNER " + database.owner());
    }
  }

  private static boolean exists(Connection connection, String query, String name)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(query)) {
      statement.setString(1, name);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next();
      }
    }
  }

  @Override
  public void close() {
    try {
      kafka.close();
    } finally {
      postgres.close();
    }
  }

  private record DatabaseRole(String name, String owner, String password) {}
}
