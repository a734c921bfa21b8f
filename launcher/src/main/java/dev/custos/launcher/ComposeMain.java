package dev.custos.launcher;

import dev.custos.launcher.demo.Walkthrough;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Entry point of the launcher image in {@code docker-compose.yml}. There the containers share one
 * network namespace, like the containers of a Kubernetes pod, so the services listen on the same
 * loopback ports as in a local run and this class reuses the local run's keys, policy and
 * walkthrough unchanged.
 *
 * <ul>
 *   <li>{@code prepare <home>} writes the development keys, TLS certificate and policy that the
 *       services read from the shared folder, unless they exist.
 *   <li>{@code demo <home>} waits until every service is ready, creates the {@code built-by-ci}
 *       note, and replays the walkthrough.
 * </ul>
 */
public final class ComposeMain {
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
  private static final Pattern STATUS_UP = Pattern.compile("\"status\"\\s*:\\s*\"UP\"");

  private ComposeMain() {}

  public static void main(String[] arguments) {
    PrintStream out = System.out;
    if (arguments.length != 2 || !(arguments[0].equals("prepare") || arguments[0].equals("demo"))) {
      System.err.println("usage: ComposeMain prepare|demo <home folder>");
      System.exit(2);
    }
    Home home = new Home(Path.of(arguments[1]).toAbsolutePath());
    Ports ports = Ports.defaults();
    try {
      if (arguments[0].equals("prepare")) {
        LocalSystem.prepare(home, ports);
        out.println("Wrote the development keys and policy to " + home.root());
        return;
      }
      System.exit(demo(home, ports, out) ? 0 : 1);
    } catch (LauncherException e) {
      System.err.println("custos: " + e.getMessage());
      System.exit(1);
    }
  }

  private static boolean demo(Home home, Ports ports, PrintStream out) {
    LocalHttp http = LocalHttp.trusting(home.tlsAuthority());
    for (Service service : Service.values()) {
      awaitReady(http, service.baseUrl(ports) + "/q/health/ready", service, out);
    }
    new MetadataBootstrap(http, Service.METADATA.baseUrl(ports)).createAuthorityNote();
    // The image contains no source tree, so the walkthrough verifies the audit log with the audit
    // module's classes on its class path rather than with the verifier jar of a build.
    try (Walkthrough walkthrough = new Walkthrough(home.root(), home, ports, out)) {
      return walkthrough.runAll();
    }
  }

  private static void awaitReady(LocalHttp http, String url, Service service, PrintStream out) {
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    String last = "no answer";
    while (Instant.now().isBefore(deadline)) {
      try {
        LocalHttp.Response response = http.get(url);
        if (response.status() == 200 && STATUS_UP.matcher(response.body()).find()) {
          out.println("  " + service.id() + " is ready");
          return;
        }
        last = "HTTP " + response.status();
      } catch (IOException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LauncherException("interrupted while waiting for " + service.id());
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LauncherException("interrupted while waiting for " + service.id());
      }
    }
    throw new LauncherException(
        service.id() + " was not ready within " + READY_TIMEOUT.toMinutes() + " min: " + last);
  }
}
