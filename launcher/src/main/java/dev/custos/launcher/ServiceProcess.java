package dev.custos.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One service running as a child process, {@code java -jar <module>/target/quarkus-app/...}. */
final class ServiceProcess {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceProcess.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern STATUS_UP = Pattern.compile("^\\s*\\{\\s*\"status\"\\s*:\\s*\"UP\"");

  /**
   * JVM options for a small service on a shared machine; {@code CUSTOS_SERVICE_JAVA_OPTS} replaces
   * them.
   */
  private static final String DEFAULT_JAVA_OPTIONS =
      "-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

  private final Service service;
  private final Process process;
  private final Path log;

  private ServiceProcess(Service service, Process process, Path log) {
    this.service = service;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code service} in its working folder under {@code home}, whose {@code
   * config/application.properties} the launcher wrote, appending its output to its log file.
   */
  static ServiceProcess start(Service service, Path repository, Home home) {
    Path jar = service.applicationJar(repository);
    if (!Files.isRegularFile(jar)) {
      throw new LauncherException(
          jar + " does not exist; build it with ./mvnw -pl launcher -am package -DskipTests");
    }
    List<String> command = new ArrayList<>();
    SessionLeader.prefix().ifPresent(command::add);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(javaOptions());
    command.add("-jar");
    command.add(jar.toString());
    Path log = home.serviceLog(service);
    try {
      Files.createDirectories(log.getParent());
      Process process =
          new ProcessBuilder(command)
              .directory(home.serviceDirectory(service).toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      LOG.atDebug()
          .addKeyValue("service", service.id())
          .addKeyValue("pid", process.pid())
          .log("Started");
      return new ServiceProcess(service, process, log);
    } catch (IOException e) {
      throw new LauncherException("starting " + String.join(" ", command) + " failed", e);
    }
  }

  private static List<String> javaOptions() {
    String options = System.getenv("CUSTOS_SERVICE_JAVA_OPTS");
    if (options == null) {
      options = DEFAULT_JAVA_OPTIONS;
    }
    return options.isBlank() ? List.of() : List.of(options.trim().split("\\s+"));
  }

  Service service() {
    return service;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  Path log() {
    return log;
  }

  /**
   * Waits until {@code /q/health/ready} returns 200 with status UP.
   *
   * @throws LauncherException if the process exits or {@code timeout} passes first, naming its log
   */
  Duration awaitReady(LocalHttp http, String readinessUrl, Duration timeout) {
    Instant started = Instant.now();
    Instant deadline = started.plus(timeout);
    String last = "no answer";
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new LauncherException(
            service.id()
                + " exited with status "
                + process.exitValue()
                + " before it was ready; see "
                + log);
      }
      try {
        LocalHttp.Response response = http.get(readinessUrl);
        if (response.status() == 200 && STATUS_UP.matcher(response.body()).find()) {
          return Duration.between(started, Instant.now());
        }
        last = "HTTP " + response.status() + " " + response.body();
      } catch (IOException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LauncherException("interrupted while waiting for " + service.id());
      }
      sleep(Duration.ofMillis(250));
    }
    throw new LauncherException(
        service.id()
            + " was not ready within "
            + timeout.toSeconds()
            + " s (last answer: "
            + last
            + "); see "
            + log);
  }

  /** Stops the process with SIGTERM, so Quarkus shuts down cleanly, and kills it if it hangs. */
  void stop() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        LOG.atWarn()
            .addKeyValue("service", service.id())
            .addKeyValue("timeoutSeconds", STOP_TIMEOUT.toSeconds())
            .log("Service did not stop after SIGTERM; killing it");
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
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
}
