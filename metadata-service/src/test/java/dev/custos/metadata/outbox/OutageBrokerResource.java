package dev.custos.metadata.outbox;

import dev.custos.embedded.EmbeddedServersResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * The shared embedded database with a Kafka broker of the test class's own, which the test starts
 * and stops itself. The application starts with {@code kafka.bootstrap.servers} pointing at ports
 * where no broker listens yet; the test starts one there with {@link #PORT}, {@link
 * #CONTROLLER_PORT} and {@link #FOLDER}.
 */
public class OutageBrokerResource extends EmbeddedServersResource {
  static final String PORT = "custos.test.outage-broker.port";
  static final String CONTROLLER_PORT = "custos.test.outage-broker.controller-port";
  static final String FOLDER = "custos.test.outage-broker.folder";

  @Override
  public Map<String, String> start() {
    Map<String, String> config = new HashMap<>(super.start());
    int port = freePort();
    config.put("kafka.bootstrap.servers", "127.0.0.1:" + port);
    config.put(PORT, Integer.toString(port));
    config.put(CONTROLLER_PORT, Integer.toString(freePort()));
    config.put(FOLDER, temporaryFolder());
    // Short attempts and backoff, so that the relay notices the broker again within seconds.
    config.put("custos.metadata.outbox.publish-timeout-ms", "2000");
    config.put("custos.metadata.outbox.retry-backoff-max-ms", "1000");

    return config;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Finding a free loopback port failed", e);
    }
  }

  private static String temporaryFolder() {
    try {
      return Files.createTempDirectory("custos-outage-kafka-").toString();
    } catch (IOException e) {
      throw new UncheckedIOException("Creating a folder for the outage broker failed", e);
    }
  }
}
