package dev.custos.embedded;

import java.lang.reflect.InvocationTargetException;
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

  /**
   * Creates {@code database} on the shared PostgreSQL server. Called reflectively through the
   * system class loader, where the JDBC driver is registered with {@code DriverManager}. A Quarkus
   * test loader has its own copy of the driver, which {@code DriverManager} rejects.
   */
  public static void createDatabase(String database) {
    EmbeddedServers.shared().postgres().createDatabase(database);
  }

  @SuppressWarnings("unchecked")
  static Map<String, String> acquireFromSystemLoader() {
    return (Map<String, String>) invokeInSystemLoader("acquire", new Class<?>[0]);
  }

  static void createDatabaseFromSystemLoader(String database) {
    invokeInSystemLoader("createDatabase", new Class<?>[] {String.class}, database);
  }

  private static Object invokeInSystemLoader(
      String method, Class<?>[] parameterTypes, Object... arguments) {
    try {
      Class<?> owner =
          Class.forName(SharedServers.class.getName(), true, ClassLoader.getSystemClassLoader());
      return owner.getMethod(method, parameterTypes).invoke(null, arguments);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw new EmbeddedServerException("embedded servers: " + method + " failed", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new EmbeddedServerException("embedded servers: " + method + " failed", e);
    }
  }
}
