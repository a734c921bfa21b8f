package dev.custos.embedded;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The embedded servers of this JVM, reached through the system class loader.
 *
 * <p>Quarkus loads each test application, and may load its test resources, in a class loader of its
 * own that it discards after the test class. Servers started from such a loader would keep running
 * on classes of a closed loader, and a second loader would start a second pair. So the servers are
 * always started from the system class loader, and only strings cross over.
 */
public final class SharedServers {

  static final String BOOTSTRAP_SERVERS = "bootstrapServers";
  static final String POSTGRES_PORT = "postgresPort";
  static final String START_MS = "startMs";
  static final String ISOLATION_ID = "isolationId";

  private static final AtomicInteger NEXT_ISOLATION_ID = new AtomicInteger();

  private SharedServers() {}

  /**
   * Starts the servers on first call and returns their addresses and a new isolation id. Called
   * reflectively through the system class loader; see {@link #acquireFromSystemLoader()}.
   */
  public static Map<String, String> acquire() {
    EmbeddedServers servers = EmbeddedServers.shared();
    return Map.of(
        BOOTSTRAP_SERVERS, servers.kafka().bootstrapServers(),
        POSTGRES_PORT, Integer.toString(servers.postgres().port()),
        START_MS, Long.toString(servers.startTime().toMillis()),
        ISOLATION_ID, Integer.toString(NEXT_ISOLATION_ID.incrementAndGet()));
  }

  @SuppressWarnings("unchecked")
  static Map<String, String> acquireFromSystemLoader() {
    try {
      Class<?> owner =
          Class.forName(SharedServers.class.getName(), true, ClassLoader.getSystemClassLoader());
      return (Map<String, String>) owner.getMethod("acquire").invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new EmbeddedServerException("starting the shared embedded servers failed", e);
    }
  }
}
