package dev.custos.embedded;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The broker, database and topic names that one test class owns, injected into fields marked {@link
 * InjectTestInfrastructure}.
 *
 * @param bootstrapServers the Kafka {@code bootstrap.servers} value
 * @param topicPrefix prepended to every topic name this test class uses
 * @param jdbcUrl the JDBC URL of the test class's own database
 * @param database the name of that database
 * @param startMs how long the shared broker and database took to start, in milliseconds
 */
public record TestInfrastructure(
    String bootstrapServers, String topicPrefix, String jdbcUrl, String database, long startMs) {

  /** Returns the name that the application under test uses for the topic {@code name}. */
  public String topic(String name) {
    return topicPrefix + name;
  }

  /** Returns Kafka client properties with the bootstrap servers set. */
  public Properties kafkaProperties() {
    Properties properties = new Properties();
    properties.put("bootstrap.servers", bootstrapServers);
    return properties;
  }

  /** Opens a superuser connection to this test class's database. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, PostgresServer.SUPERUSER, "");
  }
}
