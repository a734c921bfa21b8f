package dev.custos.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custos.launcher.demo.Walkthrough;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walkthrough through the real services, each a separate {@code java -jar} process of its
 * packaged application, on a real Kafka broker and PostgreSQL on free loopback ports. Halfway, the
 * admission service is restarted and must have rebuilt its cache from Kafka before it reports
 * ready. At the end, no process and no port of the run may be left.
 */
class SystemEndToEndTest {

  private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path folder;

  @Test
  void walkthroughPassesAcrossSeparateProcesses() throws Exception {
    for (Service service : Service.values()) {
      assertThat(service.applicationJar(REPOSITORY))
          .as("packaged %s; run ./mvnw -pl launcher -am verify", service.module())
          .isRegularFile();
    }
    Home home = new Home(folder.resolve("home"));
    Ports ports = Ports.free();
    LocalSystem system = LocalSystem.create(REPOSITORY, home, ports);
    Map<Service, Long> pids;
    try (system) {
      system.start(System.out);
      pids = system.pids();
      assertThat(pids).hasSize(4);
      assertThat(pids.values()).doesNotContain(ProcessHandle.current().pid());

      Walkthrough walkthrough = new Walkthrough(REPOSITORY, home, ports, System.out);
      walkthrough.createQaAttestor();
      walkthrough.pushPayment();
      walkthrough.reviewBeforeQa();
      walkthrough.uploadQaAttestation();
      Duration propagation = walkthrough.reviewAfterQa();
      assertThat(propagation).isLessThan(Duration.ofSeconds(30));

      long before = pids.get(Service.ADMISSION);
      Duration restart = system.restart(Service.ADMISSION, System.out);
      assertThat(system.pids().get(Service.ADMISSION)).isNotEqualTo(before);
      assertThat(ProcessHandle.of(before).map(ProcessHandle::isAlive))
          .isNotEqualTo(Optional.of(true));
      System.out.printf("admission restarted and ready after %d ms%n", restart.toMillis());
      JsonNode readiness = admissionReadiness(system);
      assertThat(readiness.path("verifiedDigests").asInt())
          .as("digests verified from metadata.attestations when readiness turned UP")
          .isGreaterThanOrEqualTo(1);
      assertThat(readiness.path("occurrences").asInt())
          .as("attestations read from metadata.attestations: built-by-ci and qa")
          .isGreaterThanOrEqualTo(2);
      assertThat(walkthrough.reviewOnce())
          .as("the first review after the restart, answered from the rebuilt cache")
          .isTrue();

      walkthrough.otherPods();
      walkthrough.checkAuditLog();
      pids = system.pids();
    }

    assertNothingLeft(pids.values(), ports, home);
  }

  private static JsonNode admissionReadiness(LocalSystem system) throws Exception {
    LocalHttp.Response response = system.http().get(system.readinessUrl(Service.ADMISSION));
    assertThat(response.status()).isEqualTo(200);
    for (JsonNode check : new ObjectMapper().readTree(response.body()).path("checks")) {
      if (check.path("name").asText().equals("admission")) {
        return check.path("data");
      }
    }
    throw new AssertionError("no admission check in " + response.body());
  }

  private static void assertNothingLeft(Collection<Long> pids, Ports ports, Home home)
      throws IOException {
    for (long pid : pids) {
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
          .as("service process %d after close", pid)
          .isNotEqualTo(Optional.of(true));
    }
    for (Map.Entry<String, Integer> port : ports.byName().entrySet()) {
      assertThat(Ports.isFree(port.getValue()))
          .as("%s %d after close", port.getKey(), port.getValue())
          .isTrue();
    }
    assertThat(Files.exists(home.postgresCluster().resolve("postmaster.pid")))
        .as("PostgreSQL's postmaster.pid after close")
        .isFalse();
  }
}
