package dev.custos.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The loopback ports of a local run. Kafka and PostgreSQL keep their data across restarts, and the
 * broker's log names its listener ports, so a run on an existing data folder reuses the ports
 * stored with it.
 */
public record Ports(
    int kafka,
    int kafkaController,
    int postgres,
    int metadata,
    int signer,
    int admission,
    int audit) {

  /**
   * The ports of {@code ./custos run}: the services' own defaults, and Kafka's and PostgreSQL's.
   */
  public static Ports defaults() {
    return new Ports(9092, 9093, 5432, 8081, 8082, 8443, 8084);
  }

  /** Ports that were free on 127.0.0.1 a moment ago, for tests that run next to other programs. */
  public static Ports free() {
    Set<Integer> ports = new LinkedHashSet<>();
    while (ports.size() < 7) {
      ports.add(freePort());
    }
    Iterator<Integer> next = ports.iterator();
    return new Ports(
        next.next(), next.next(), next.next(), next.next(), next.next(), next.next(), next.next());
  }

  /** Returns each port under the option name that sets it, in the order the help text lists. */
  public Map<String, Integer> byName() {
    Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put("kafka-port", kafka);
    ports.put("kafka-controller-port", kafkaController);
    ports.put("postgres-port", postgres);
    ports.put("metadata-port", metadata);
    ports.put("signer-port", signer);
    ports.put("admission-port", admission);
    ports.put("audit-port", audit);
    return ports;
  }

  /** Reads ports from option names as {@link #byName()} writes them; a missing name is an error. */
  public static Ports fromNames(Map<String, Integer> ports) {
    return new Ports(
        required(ports, "kafka-port"),
        required(ports, "kafka-controller-port"),
        required(ports, "postgres-port"),
        required(ports, "metadata-port"),
        required(ports, "signer-port"),
        required(ports, "admission-port"),
        required(ports, "audit-port"));
  }

  private static int required(Map<String, Integer> ports, String name) {
    Integer port = ports.get(name);
    if (port == null) {
      throw new LauncherException("the port " + name + " is missing");
    }
    return port;
  }

  /** Returns the name of the first port that another program holds on 127.0.0.1, if any. */
  public String firstTaken() {
    for (Map.Entry<String, Integer> port : byName().entrySet()) {
      if (!isFree(port.getValue())) {
        return port.getKey() + " " + port.getValue();
      }
    }
    return null;
  }

  /** Returns whether nothing listens on {@code port} of 127.0.0.1. */
  public static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on the loopback interface", e);
    }
  }
}
