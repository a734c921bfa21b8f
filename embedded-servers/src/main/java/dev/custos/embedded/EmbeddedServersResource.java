package dev.custos.embedded;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * A Quarkus test resource that points the application under test at the JVM's shared embedded Kafka
 * broker and PostgreSQL server, with a database and a topic prefix of its own.
 *
 * <p>Use it as {@code @WithTestResource(EmbeddedServersResource.class)}: that scope restricts it to
 * the annotated class, so each test class starts its application with fresh topics and an empty
 * database while the servers themselves start once per JVM. Services name their topics {@code
 * ${custos.kafka.topic-prefix:}<topic>} in their channel configuration.
 */
public class EmbeddedServersResource implements QuarkusTestResourceLifecycleManager {

  /** The configuration key that prefixes every topic name of the application under test. */
  public static final String TOPIC_PREFIX_KEY = "custos.kafka.topic-prefix";

  private TestInfrastructure infrastructure;

  @Override
  public Map<String, String> start() {
    Map<String, String> servers = SharedServers.acquireFromSystemLoader();
    String isolationId = "t" + servers.get(SharedServers.ISOLATION_ID);
    String database = "custos_" + isolationId;
    String port = servers.get(SharedServers.POSTGRES_PORT);
    String jdbcUrl = "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    SharedServers.createDatabaseFromSystemLoader(database);

    infrastructure =
        new TestInfrastructure(
            servers.get(SharedServers.BOOTSTRAP_SERVERS),
            isolationId + ".",
            jdbcUrl,
            database,
            Long.parseLong(servers.get(SharedServers.START_MS)));

    Map<String, String> config = new HashMap<>();
    config.put("kafka.bootstrap.servers", infrastructure.bootstrapServers());
    config.put(TOPIC_PREFIX_KEY, infrastructure.topicPrefix());
    config.put("quarkus.datasource.jdbc.url", jdbcUrl);
    config.put(
        "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + port + "/" + database);
    config.put("quarkus.datasource.username", PostgresServer.SUPERUSER);
    config.put("quarkus.devservices.enabled", "false");
    return config;
  }

  @Override
  public void inject(TestInjector testInjector) {
    testInjector.injectIntoFields(
        infrastructure,
        new TestInjector.AnnotatedAndMatchesType(
            InjectTestInfrastructure.class, TestInfrastructure.class));
  }

  @Override
  public void stop() {
    // The shared servers outlive each test class and stop when the JVM exits.
  }
}
