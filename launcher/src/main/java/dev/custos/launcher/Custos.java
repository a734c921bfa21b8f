package dev.custos.launcher;

import dev.custos.launcher.demo.Walkthrough;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The {@code custos} command: runs, stops and demonstrates the whole system on this machine. */
public final class Custos {

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration BACKGROUND_START_TIMEOUT = Duration.ofSeconds(300);

  private final Path repository;
  private final Options options;
  private final Home home;
  private final PrintStream out;

  private Custos(Path repository, Options options, PrintStream out) {
    this.repository = repository;
    this.options = options;
    this.home = new Home(options.home());
    this.out = out;
  }

  public static void main(String[] arguments) {
    Path repository = repository();
    int status;
    try {
      Options options = Options.parse(arguments, repository.resolve(".custos"));
      status = new Custos(repository, options, System.out).execute();
    } catch (LauncherException e) {
      System.err.println("custos: " + e.getMessage());
      status = 1;
    } catch (RuntimeException e) {
      // A bug rather than a condition the launcher reports; exit anyway, which runs the hook.
      e.printStackTrace();
      status = 1;
    }
    System.exit(status);
  }

  private int execute() {
    switch (options.command()) {
      case "run":
        return run();
      case "start":
        return startInBackground();
      case "stop":
        return stop();
      case "status":
        return status();
      case "demo":
        return demo();
      default:
        out.println(Options.USAGE);
        return 0;
    }
  }

  /** Runs in the foreground until SIGINT or SIGTERM, then stops everything from a shutdown hook. */
  private int run() {
    Optional<StateFile> state = StateFile.read(home);
    if (state.isPresent() && state.get().launcherAlive()) {
      throw new LauncherException(
          "Custos already runs from "
              + home.root()
              + " (launcher pid "
              + state.get().launcherPid()
              + "); stop it with ./custos stop");
    }
    if (state.isPresent()) {
      stopLeftovers(state.get());
    }
    if (options.clean()) {
      out.println("Deleting " + home.root());
      LocalSystem.clean(home);
    }
    LocalSystem.createHome(home);
    Ports ports = PortSettings.resolve(home, options.ports());
    LocalSystem system = LocalSystem.create(repository, home, ports);
    PortSettings.store(home, ports);

    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              out.println("Stopping Custos");
              system.close();
              StateFile.delete(home);
              out.println("Stopped");
              stopped.countDown();
            },
            "custos-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    // Written before the start so that ./custos stop finds a launcher that is still starting.
    StateFile.write(home, ProcessHandle.current().pid(), false, ports, system.pids());
    try {
      system.start(out);
    } catch (RuntimeException e) {
      Runtime.getRuntime().removeShutdownHook(hook);
      system.close();
      StateFile.delete(home);
      throw e;
    }
    StateFile.write(home, ProcessHandle.current().pid(), true, ports, system.pids());
    printAddresses(system);
    awaitSignal(stopped);
    return 0;
  }

  private void printAddresses(LocalSystem system) {
    out.println();
    out.println(
        "  metadata   "
            + system.baseUrl(Service.METADATA)
            + "/v1/projects  (Bearer "
            + LocalSystem.METADATA_TOKEN
            + ")");
    out.println(
        "  signer     "
            + system.baseUrl(Service.SIGNER)
            + "/webhooks/registry/dev  (Bearer "
            + LocalSystem.REGISTRY_TOKEN
            + ")");
    out.println(
        "  admission  "
            + system.baseUrl(Service.ADMISSION)
            + "/validate  (CA "
            + home.tlsAuthority()
            + ")");
    out.println(
        "  audit      "
            + system.baseUrl(Service.AUDIT)
            + "/v1/log/checkpoint  (Bearer "
            + LocalSystem.AUDIT_READER_TOKEN
            + ")");
    out.println("  policy     " + home.policy());
    out.println();
    out.println("Stop with Ctrl-C or ./custos stop; replay the walkthrough with ./custos demo");
  }

  /** Blocks the main thread until the shutdown hook has stopped everything. */
  private static void awaitSignal(CountDownLatch stopped) {
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Starts {@code run} as a process of its own, in its own session, and waits until it is ready.
   */
  private int startInBackground() {
    Optional<StateFile> state = StateFile.read(home);
    if (state.isPresent() && state.get().launcherAlive()) {
      out.println("Custos already runs (launcher pid " + state.get().launcherPid() + ")");
      return 0;
    }
    if (options.clean()) {
      // Here rather than in the child, whose output file is inside the folder.
      out.println("Deleting " + home.root());
      LocalSystem.clean(home);
    }
    LocalSystem.createHome(home);
    Path log = home.launcherLog();
    Process process = spawnRun(log);
    out.println(
        "Starting Custos in the background (pid " + process.pid() + ", output in " + log + ")");

    Instant deadline = Instant.now().plus(BACKGROUND_START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      Optional<StateFile> started = StateFile.read(home);
      if (started.isPresent()
          && started.get().launcherPid() == process.pid()
          && started.get().ready()) {
        out.print(tail(log, 40));
        return 0;
      }
      if (!process.isAlive()) {
        out.print(tail(log, 40));
        throw new LauncherException(
            "the launcher stopped with status " + process.exitValue() + "; see " + log);
      }
      sleep(Duration.ofMillis(250));
    }
    process.destroy();
    throw new LauncherException(
        "Custos was not ready within " + BACKGROUND_START_TIMEOUT.toSeconds() + " s; see " + log);
  }

  /** Starts this launcher's {@code run} with the same options, its output going to {@code log}. */
  private Process spawnRun(Path log) {
    List<String> command = new ArrayList<>();
    SessionLeader.prefix().ifPresent(command::add);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Dcustos.repository=" + repository);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Custos.class.getName());
    command.add("run");
    command.add("--home=" + home.root());
    options.ports().forEach((name, port) -> command.add("--" + name + "=" + port));
    try {
      Files.createDirectories(log.getParent());
      Files.deleteIfExists(log);
      return new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
          .start();
    } catch (IOException e) {
      throw new LauncherException("starting the launcher in the background failed", e);
    }
  }

  /**
   * Sends SIGTERM to the launcher, which stops the services, Kafka and PostgreSQL, then ends any
   * service or PostgreSQL process that a killed launcher left behind.
   */
  private int stop() {
    Optional<StateFile> state = StateFile.read(home);
    if (state.isEmpty()) {
      int left = stopPostgresLeftover();
      out.println(left == 0 ? "Custos is not running" : "Stopped a PostgreSQL server left running");
      return 0;
    }
    StateFile running = state.get();
    Optional<ProcessHandle> launcher = ProcessHandle.of(running.launcherPid());
    if (launcher.isPresent() && launcher.get().isAlive()) {
      out.println("Stopping Custos (launcher pid " + running.launcherPid() + ")");
      launcher.get().destroy();
      try {
        launcher.get().onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new LauncherException(
            "the launcher (pid "
                + running.launcherPid()
                + ") did not stop within "
                + STOP_TIMEOUT.toSeconds()
                + " s; see "
                + home.launcherLog());
      }
    }
    stopLeftovers(running);
    out.println("Stopped");
    return 0;
  }

  private void stopLeftovers(StateFile state) {
    for (ProcessHandle service : state.survivingServices()) {
      out.println("Stopping a service left running (pid " + service.pid() + ")");
      service.destroy();
      waitForExit(service);
    }
    if (stopPostgresLeftover() > 0) {
      out.println("Stopped a PostgreSQL server left running");
    }
    StateFile.delete(home);
  }

  /** Stops the PostgreSQL server that {@code postmaster.pid} names, if it still runs. */
  private int stopPostgresLeftover() {
    Path pidFile = home.postgresCluster().resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return 0;
    }
    try {
      String first = Files.readAllLines(pidFile, StandardCharsets.US_ASCII).get(0).trim();
      Optional<ProcessHandle> postgres = ProcessHandle.of(Long.parseLong(first));
      if (postgres.isPresent()
          && postgres.get().isAlive()
          && StateFile.commandContains(postgres.get(), "postgres")) {
        // SIGTERM is PostgreSQL's "smart" shutdown; it waits for clients, and there are none left.
        postgres.get().destroy();
        waitForExit(postgres.get());
        return 1;
      }
    } catch (IOException | RuntimeException e) {
      out.println("Could not read " + pidFile + ": " + e.getMessage());
    }
    return 0;
  }

  private void waitForExit(ProcessHandle process) {
    try {
      process.onExit().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
    }
  }

  private int status() {
    Optional<StateFile> state = StateFile.read(home);
    if (state.isEmpty() || !state.get().launcherAlive()) {
      out.println(
          "Custos is not running"
              + (state.isPresent() ? " (stale state; ./custos stop cleans up)" : ""));
      return 1;
    }
    StateFile running = state.get();
    out.println(
        "Custos runs from " + home.root() + " (launcher pid " + running.launcherPid() + ")");
    LocalHttp http = LocalHttp.trusting(home.tlsAuthority());
    boolean allReady = true;
    for (Service service : Service.values()) {
      String url = service.baseUrl(running.ports());
      String readiness;
      try {
        LocalHttp.Response response = http.get(url + "/q/health/ready");
        readiness =
            response.status() == 200 ? "ready" : "not ready (HTTP " + response.status() + ")";
      } catch (IOException e) {
        // A refused connection has no message, so name the exception instead.
        readiness = "not answering (" + e + "); see " + home.serviceLog(service);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 1;
      }
      allReady &= readiness.equals("ready");
      out.printf("  %-10s  %-28s %s%n", service.id(), url, readiness);
    }
    // Like the commands that wait for readiness, status fails when a service is not ready.
    return allReady ? 0 : 1;
  }

  private int demo() {
    Optional<StateFile> state = StateFile.read(home);
    if (state.isEmpty() || !state.get().launcherAlive()) {
      startInBackground();
      state = StateFile.read(home);
    } else if (options.clean()) {
      throw new LauncherException("--clean needs a stopped system; run ./custos stop first");
    }
    Instant deadline = Instant.now().plus(BACKGROUND_START_TIMEOUT);
    while (state.isPresent() && !state.get().ready() && state.get().launcherAlive()) {
      if (Instant.now().isAfter(deadline)) {
        throw new LauncherException("Custos is still starting; see " + home.launcherLog());
      }
      sleep(Duration.ofMillis(250));
      state = StateFile.read(home);
    }
    StateFile running =
        state
            .filter(StateFile::ready)
            .orElseThrow(() -> new LauncherException("Custos stopped while it was starting"));
    boolean passed = new Walkthrough(repository, home, running.ports(), out).runAll();
    out.println();
    out.println("Custos keeps running; stop it with ./custos stop");
    return passed ? 0 : 1;
  }

  private static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size())) + "\n";
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")\n";
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LauncherException("interrupted while waiting");
    }
  }

  /**
   * Returns the repository root: {@code custos.repository} as the script sets it, else two folders
   * above this class's jar or classes folder ({@code launcher/target/...}).
   */
  static Path repository() {
    String configured = System.getProperty("custos.repository");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    try {
      Path location =
          Path.of(Custos.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return location.getParent().getParent().getParent().toAbsolutePath().normalize();
    } catch (URISyntaxException e) {
      throw new LauncherException(
          "cannot find the repository; set -Dcustos.repository=<folder>", e);
    }
  }
}
