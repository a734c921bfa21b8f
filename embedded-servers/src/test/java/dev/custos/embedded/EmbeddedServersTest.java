package dev.custos.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedServersTest {

  private final EmbeddedServers servers = EmbeddedServers.shared();

  @Test
  void brokerStoresAndReturnsRecords() throws ExecutionException, InterruptedException {
    String topic = "embedded-servers-test";
    RecordMetadata written;
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties())) {
      written = producer.send(new ProducerRecord<>(topic, "key-1", "value-1")).get();
    }

    List<ConsumerRecord<String, String>> read = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (read.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(read::add);
      }
    }

    assertThat(written.offset()).isZero();
    assertThat(read).hasSize(1);
    assertThat(read.get(0).key()).isEqualTo("key-1");
    assertThat(read.get(0).value()).isEqualTo("value-1");
  }

  @Test
  void postgresRunsQueriesInNewDatabase() throws SQLException {
    servers.postgres().createDatabase("embedded_servers_test");

    try (Connection connection = servers.postgres().connect("embedded_servers_test");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE probe (id bigint PRIMARY KEY, note text NOT NULL)");
      statement.execute("INSERT INTO probe VALUES (1, 'stored')");
      try (ResultSet rows = statement.executeQuery("SELECT note, version() FROM probe")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).isEqualTo("stored");
        assertThat(rows.getString(2)).startsWith("PostgreSQL 17.");
      }
    }
  }

  @Test
  void createDatabaseRejectsUnsafeName() {
    assertThatThrownBy(() -> servers.postgres().createDatabase("x; DROP DATABASE postgres"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid database name");
  }

  @Test
  void sharedServersAreStartedOnce() {
    assertThat(EmbeddedServers.shared()).isSameAs(servers);
  }

  private Properties producerProperties() {
    Properties properties = servers.kafka().adminProperties();
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.remove("client.id");
    return properties;
  }

  private Properties consumerProperties() {
    Properties properties = servers.kafka().adminProperties();
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, "embedded-servers-test");
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    properties.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    properties.remove("client.id");
    return properties;
  }
}
