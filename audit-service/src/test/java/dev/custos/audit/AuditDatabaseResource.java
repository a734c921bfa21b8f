package dev.custos.audit;

import dev.custos.audit.ingest.AuditIngest;
import dev.custos.audit.log.LogRoles;
import dev.custos.embedded.EmbeddedServersResource;
import dev.custos.embedded.PostgresServer;
import dev.custos.events.Topics;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The embedded servers, with the log's owner and service roles set up in the test class's database:
 * Flyway migrates as the owner and the application connects as the service role, as in production.
 * The topics that the service reads and writes are created before it starts, as a deployment
 * creates them, because the service does not create topics itself.
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

    createTopics(config.get("kafka.bootstrap.servers"), config.get(TOPIC_PREFIX_KEY));

    config.put("quarkus.datasource.username", LogRoles.SERVICE);
    config.put("quarkus.flyway.username", LogRoles.OWNER);
    config.put("quarkus.flyway.password", LogRoles.UNUSED_PASSWORD);
    return config;
  }

  /**
   * Creates the source topics with one partition, except {@code registry.pushes} with two, and
   * {@code audit.log} with two, which the outbox must still fill in order on partition 0.
   */
  private static void createTopics(String bootstrapServers, String prefix) {
    List<NewTopic> topics = new ArrayList<>();
    for (String topic : AuditIngest.SOURCE_TOPICS) {
      int partitions = topic.equals(Topics.REGISTRY_PUSHES) ? 2 : 1;
      topics.add(new NewTopic(prefix + topic, partitions, (short) 1));
    }
    topics.add(new NewTopic(prefix + Topics.AUDIT_LOG, 2, (short) 1));
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("creating the test topics " + topics + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating the test topics", e);
    }
  }
}
