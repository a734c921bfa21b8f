package dev.custos.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker running inside this JVM in combined broker and controller (KRaft)
 * mode, listening on loopback only.
 */
public final class KafkaBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final KafkaRaftServer server;
  private final Path dataDirectory;
  private final boolean deleteOnClose;
  private final int port;

  private KafkaBroker(KafkaRaftServer server, Path dataDirectory, boolean deleteOnClose, int port) {
    this.server = server;
    this.dataDirectory = dataDirectory;
    this.deleteOnClose = deleteOnClose;
    this.port = port;
  }

  /** Starts a broker on free ports with its log in a temporary folder deleted on close. */
  public static KafkaBroker startTemporary() {
    try {
      Path directory = Files.createTempDirectory("custos-kafka-");
      return start(directory, LoopbackPorts.free(), LoopbackPorts.free(), true);
    } catch (IOException e) {
      throw new EmbeddedServerException("creating a temporary folder for Kafka failed", e);
    }
  }

  /**
   * Starts a broker whose log lives in {@code dataDirectory}, formatting it first if it contains no
   * log yet, so that topics and offsets survive a restart on the same folder and ports.
   */
  public static KafkaBroker start(
      Path dataDirectory, int port, int controllerPort, boolean deleteOnClose) {
    Instant started = Instant.now();
    BrokerLogging.quiet();
    Path logDirectory = dataDirectory.resolve("log");
    Properties properties = brokerProperties(logDirectory, port, controllerPort);
    try {
      Files.createDirectories(logDirectory);
      if (!Files.exists(logDirectory.resolve("meta.properties"))) {
        format(dataDirectory, properties);
      }
    } catch (IOException e) {
      throw new EmbeddedServerException(
          "preparing the Kafka log folder " + logDirectory + " failed", e);
    }

    KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(properties), Time.SYSTEM);
    try {
      server.startup();
    } catch (RuntimeException e) {
      throw new EmbeddedServerException(
          "starting Kafka on 127.0.0.1:" + port + " failed; is the port taken?", e);
    }
    KafkaBroker broker = new KafkaBroker(server, dataDirectory, deleteOnClose, port);
    broker.awaitReady();
    LOG.atInfo()
        .addKeyValue("bootstrapServers", broker.bootstrapServers())
        .addKeyValue("startMs", Duration.between(started, Instant.now()).toMillis())
        .log("Kafka broker ready");
    return broker;
  }

  private static Properties brokerProperties(Path logDirectory, int port, int controllerPort) {
    Properties properties = new Properties();
    properties.putAll(
        Map.ofEntries(
            Map.entry("process.roles", "broker,controller"),
            Map.entry("node.id", "1"),
            Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
            Map.entry(
                "listeners",
                "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort),
            Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port),
            Map.entry("controller.listener.names", "CONTROLLER"),
            Map.entry("inter.broker.listener.name", "PLAINTEXT"),
            Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
            Map.entry("log.dirs", logDirectory.toString()),
            Map.entry("auto.create.topics.enable", "true"),
            Map.entry("num.partitions", "1"),
            Map.entry("offsets.topic.replication.factor", "1"),
            Map.entry("offsets.topic.num.partitions", "5"),
            Map.entry("transaction.state.log.replication.factor", "1"),
            Map.entry("transaction.state.log.min.isr", "1"),
            Map.entry("transaction.state.log.num.partitions", "5"),
            Map.entry("share.coordinator.state.topic.replication.factor", "1"),
            Map.entry("share.coordinator.state.topic.min.isr", "1"),
            Map.entry("group.initial.rebalance.delay.ms", "0"),
            Map.entry("log.cleaner.backoff.ms", "1000")));
    return properties;
  }

  /**
   * Formats the log folder in-process. {@code StorageTool.main} would exit the JVM, so this calls
   * {@code execute} and turns a non-zero result into an exception carrying the tool's output.
   */
  private static void format(Path dataDirectory, Properties properties) throws IOException {
    Path configFile = dataDirectory.resolve("server.properties");
    try (OutputStream out = Files.newOutputStream(configFile)) {
      properties.store(out, "Custos embedded Kafka broker");
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    String[] arguments = {
      "format", "--cluster-id", Uuid.randomUuid().toString(), "--config", configFile.toString()
    };
    int result;
    try (PrintStream printer = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      result = StorageTool.execute(arguments, printer);
    }
    if (result != 0) {
      throw new EmbeddedServerException(
          "formatting the Kafka log folder failed: " + output.toString(StandardCharsets.UTF_8));
    }
  }

  private void awaitReady() {
    try (Admin admin = Admin.create(adminProperties())) {
      admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddedServerException("interrupted while waiting for Kafka");
    } catch (ExecutionException | TimeoutException e) {
      close();
      throw new EmbeddedServerException(
          "Kafka on " + bootstrapServers() + " did not respond within " + READY_TIMEOUT, e);
    }
  }

  /** Returns client properties that reach this broker, for an {@link Admin} or a producer. */
  public Properties adminProperties() {
    Properties properties = new Properties();
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "custos-embedded-admin");
    return properties;
  }

  /** Returns the {@code bootstrap.servers} value for clients, such as {@code 127.0.0.1:39211}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    try {
      server.shutdown();
      server.awaitShutdown();
    } finally {
      if (deleteOnClose) {
        Folders.deleteRecursively(dataDirectory);
      }
    }
  }
}
