package dev.custos.launcher;

import dev.custos.embedded.Folders;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The whole system on one machine: Kafka and PostgreSQL in this JVM and its child process, and the
 * four services as child processes on loopback, each with its development configuration.
 */
public final class LocalSystem implements AutoCloseable {

  /** The development token of the metadata API, whose SHA-256 the metadata configuration lists. */
  public static final String METADATA_TOKEN = "custos-dev-token";

  /** The audit read API's development token of the role reader. */
  public static final String AUDIT_READER_TOKEN = "custos-dev-reader-token";

  /** The bearer token that the development registry {@code dev} sends with its notifications. */
  public static final String REGISTRY_TOKEN = "registry-webhook-token";

  /** The host that the signer gives every image of the registry {@code dev}. */
  public static final String REGISTRY_HOST = "localhost:5000";

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

  private final Path repository;
  private final Home home;
  private final Ports ports;
  private final LocalHttp http;
  private final Map<Service, ServiceProcess> processes = new EnumMap<>(Service.class);
  private Infrastructure infrastructure;
  private boolean closed;

  private LocalSystem(Path repository, Home home, Ports ports) {
    this.repository = repository;
    this.home = home;
    this.ports = ports;
    this.http = LocalHttp.trusting(home.tlsAuthority());
  }

  /**
   * Checks the packaged services and the ports, and writes the keys, the policy and the
   * configuration that {@code home} lacks, without starting anything.
   */
  public static LocalSystem create(Path repository, Home home, Ports ports) {
    for (Service service : Service.values()) {
      if (!Files.isRegularFile(service.applicationJar(repository))) {
        throw new LauncherException(
            service.applicationJar(repository)
                + " does not exist; build the services with ./mvnw -pl launcher -am package"
                + " -DskipTests");
      }
    }
    String takenPort = ports.firstTaken();
    if (takenPort != null) {
      String option = takenPort.split(" ")[0];
      throw new LauncherException(
          "port "
              + takenPort
              + " on 127.0.0.1 is in use by another program; choose another with --"
              + option
              + "=<port>, or stop the other program");
    }
    createHome(home);
    prepare(home, ports);
    return new LocalSystem(repository, home, ports);
  }

  /**
   * Starts Kafka, PostgreSQL and the services, and returns once every service reports ready. On
   * failure the caller closes this system, which stops whatever had started.
   */
  public void start(PrintStream out) {
    Instant started = Instant.now();
    out.println("Starting Kafka and PostgreSQL (data in " + home.root() + ")");
    Infrastructure servers = Infrastructure.start(home, ports);
    synchronized (this) {
      if (closed) {
        servers.close();
        return;
      }
      infrastructure = servers;
    }
    out.printf(
        "  %-10s  %-28s%n  %-10s  127.0.0.1:%d%n",
        "kafka", infrastructure.bootstrapServers(), "postgresql", ports.postgres());
    startServices(out);
    new MetadataBootstrap(http, baseUrl(Service.METADATA)).createAuthorityNote();
    out.printf(
        "Custos is ready after %.1f s%n",
        Duration.between(started, Instant.now()).toMillis() / 1000.0);
  }

  /** Writes the keys, the policy and each service's configuration that {@code home} still lacks. */
  static void prepare(Home home, Ports ports) {
    DevelopmentKeys.ensure(home);
    DevelopmentPolicy.ensure(home);
    Map<String, String> values = placeholderValues(home, ports);
    for (Service service : Service.values()) {
      Map<String, String> serviceValues = new LinkedHashMap<>(values);
      serviceValues.putAll(servicePorts(service, ports));
      ServiceConfiguration.of(service).write(home.serviceConfiguration(service), serviceValues);
    }
  }

  /** Returns the values of the placeholders that every service's configuration may use. */
  static Map<String, String> placeholderValues(Home home, Ports ports) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("http-host", "127.0.0.1");
    values.put("kafka-bootstrap-servers", "127.0.0.1:" + ports.kafka());
    values.put("postgres-host", "127.0.0.1");
    values.put("postgres-port", Integer.toString(ports.postgres()));
    values.put("metadata-url", Service.METADATA.baseUrl(ports));
    values.put("policy-file", home.policy().toString());
    values.put("tls-certificate-file", home.tlsCertificate().toString());
    values.put("tls-key-file", home.tlsKey().toString());
    values.put("audit-signing-key-file", home.auditSigningKey().toString());
    values.put("signer-key-file", home.signerKey().toString());
    return values;
  }

  private static Map<String, String> servicePorts(Service service, Ports ports) {
    switch (service) {
      case METADATA:
        return Map.of("http-port", Integer.toString(ports.metadata()));
      case SIGNER:
        return Map.of("http-port", Integer.toString(ports.signer()));
      case ADMISSION:
        return Map.of("https-port", Integer.toString(ports.admission()));
      case AUDIT:
        return Map.of("http-port", Integer.toString(ports.audit()));
      default:
        throw new IllegalStateException("unknown service " + service);
    }
  }

  private void startServices(PrintStream out) {
    out.println("Starting the services (logs in " + home.logs() + ")");
    for (Service service : Service.values()) {
      synchronized (this) {
        if (closed) {
          return;
        }
        processes.put(service, ServiceProcess.start(service, repository, home));
      }
    }
    List<CompletableFuture<Void>> ready = new ArrayList<>();
    for (Service service : Service.values()) {
      ready.add(CompletableFuture.runAsync(() -> awaitReady(service, out)));
    }
    try {
      CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException
          ? (RuntimeException) e.getCause()
          : new LauncherException("starting the services failed", e.getCause());
    }
  }

  private void awaitReady(Service service, PrintStream out) {
    Duration took = processes.get(service).awaitReady(http, readinessUrl(service), READY_TIMEOUT);
    synchronized (out) {
      out.printf(
          "  %-10s  %-28s ready after %.1f s (pid %d)%n",
          service.id(), baseUrl(service), took.toMillis() / 1000.0, processes.get(service).pid());
    }
  }

  /**
   * Stops {@code service} and starts it again with the same configuration, returning once it is
   * ready again.
   */
  public Duration restart(Service service, PrintStream out) {
    processes.get(service).stop();
    Instant started = Instant.now();
    synchronized (this) {
      processes.put(service, ServiceProcess.start(service, repository, home));
    }
    awaitReady(service, out);
    return Duration.between(started, Instant.now());
  }

  public String baseUrl(Service service) {
    return service.baseUrl(ports);
  }

  public String readinessUrl(Service service) {
    return baseUrl(service) + "/q/health/ready";
  }

  public Ports ports() {
    return ports;
  }

  public Home home() {
    return home;
  }

  public LocalHttp http() {
    return http;
  }

  public String kafkaBootstrapServers() {
    return infrastructure.bootstrapServers();
  }

  /** Returns the pid of each running service. */
  public synchronized Map<Service, Long> pids() {
    Map<Service, Long> pids = new EnumMap<>(Service.class);
    processes.forEach((service, process) -> pids.put(service, process.pid()));
    return pids;
  }

  /**
   * Stops the services in parallel, then Kafka and PostgreSQL, which the services depend on. Safe
   * to call while {@link #start} runs in another thread, as a shutdown hook does: what has started
   * is stopped, and nothing starts after.
   */
  @Override
  public void close() {
    List<ServiceProcess> running;
    Infrastructure servers;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      running = List.copyOf(processes.values());
      servers = infrastructure;
    }
    List<CompletableFuture<Void>> stopped = new ArrayList<>();
    for (ServiceProcess process : running) {
      stopped.add(CompletableFuture.runAsync(process::stop));
    }
    CompletableFuture.allOf(stopped.toArray(CompletableFuture[]::new)).join();
    if (servers != null) {
      servers.close();
    }
  }

  /** Deletes everything a local run wrote under {@code home}, for {@code --clean}. */
  static void clean(Home home) {
    if (!Files.exists(home.root())) {
      return;
    }
    if (!Files.exists(home.portsFile()) && !isEmpty(home.root())) {
      // A mistyped --home must not delete a folder that a local run never wrote.
      throw new LauncherException(
          home.root()
              + " has no "
              + home.portsFile().getFileName()
              + ", so it is not a folder of a local run; --clean deletes only such a folder");
    }
    try {
      Folders.deleteRecursively(home.root());
    } catch (RuntimeException e) {
      throw new LauncherException("deleting " + home.root() + " failed", e);
    }
    if (Files.exists(home.root())) {
      throw new LauncherException(
          "deleting " + home.root() + " failed; some files were left, see the warnings above");
    }
  }

  private static boolean isEmpty(Path folder) {
    try (var entries = Files.list(folder)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      throw new LauncherException("listing " + folder + " failed", e);
    }
  }

  static void createHome(Home home) {
    try {
      Files.createDirectories(home.root());
    } catch (IOException e) {
      throw new LauncherException("creating " + home.root() + " failed", e);
    }
  }
}
