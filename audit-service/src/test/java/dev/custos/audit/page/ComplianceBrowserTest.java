package dev.custos.audit.page;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.audit.AuditDatabaseResource;
import dev.custos.audit.entry.LogEntry;
import dev.custos.audit.log.AuditLog;
import dev.custos.audit.signing.CheckpointScheduler;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The compliance page in headless Chromium (the Debian package {@code chromium}), against the
 * service on loopback. Chromium runs as a child process with a new profile directory and prints the
 * DOM after the page's requests have finished. Without {@code /usr/bin/chromium} the tests that run
 * it are skipped, not passed.
 */
@QuarkusTest
@WithTestResource(AuditDatabaseResource.class)
class ComplianceBrowserTest {
  private static final Path CHROMIUM =
      Path.of(System.getProperty("custos.chromium", "/usr/bin/chromium"));
  private static final String READER_TOKEN = "custos-dev-reader-token";

  @Inject AuditLog auditLog;
  @Inject CheckpointScheduler scheduler;

  @TestHTTPResource("/compliance/")
  URL page;

  private static void requireChromium() {
    Assumptions.assumeTrue(
        Files.isExecutable(CHROMIUM),
        CHROMIUM
            + " is not installed (Debian package chromium), so the compliance page test is"
            + " skipped; install it with apt-get install chromium");
  }

  @Test
  void pageShowsCheckpointDenialsAndSearch() throws Exception {
    String digest = appendSampleEntries();
    long size = scheduler.maybeCheckpoint().orElseThrow().treeSize();

    String dom = dumpDom(page + "?digest=" + digest + "#token=" + READER_TOKEN);

    assertThat(dom).contains("data-state=\"ready\"");
    assertThat(dom).contains("<dd id=\"checkpoint-size\">" + size + "</dd>");
    assertThat(dom).contains("<dd id=\"checkpoint-origin\">custos.example/audit</dd>");
    // A denial row, with the workload, the decision and the reason.
    assertThat(section(dom, "denials"))
        .contains("<td>payments/checkout</td>")
        .contains("<td class=\"decision-denied\">denied</td>")
        .contains("No matched signatures for container image: registry.example/shop/checkout:1.4")
        .doesNotContain("payments/frontend");
    assertThat(section(dom, "breakglass"))
        .contains("<td>payments/incident-fix</td>")
        .doesNotContain("payments/checkout");
    assertThat(section(dom, "search-results"))
        .contains("dev.custos.registry.image.pushed")
        .contains("registry.example/shop/frontend");
    assertThat(dom).contains("1 entry about " + digest + ".");
    assertThat(section(dom, "counts"))
        .contains("admission.decision / denied")
        .contains("<td class=\"nowrap\">" + LocalDate.now(ZoneOffset.UTC).minusDays(2) + "</td>");
  }

  @Test
  void pageWithoutTokenAsksForOne() throws Exception {
    appendSampleEntries();
    scheduler.maybeCheckpoint();

    String dom = dumpDom(page.toString());

    assertThat(dom).contains("data-state=\"ready\"");
    assertThat(dom).contains("No token is set.");
    assertThat(dom).contains("Enter a reader token above to load this section.");
    assertThat(dom).doesNotContain("No matched signatures");
  }

  @Test
  void pageWithWrongTokenShowsRejection() throws Exception {
    appendSampleEntries();
    scheduler.maybeCheckpoint();

    String dom = dumpDom(page + "#token=not-a-configured-token");

    assertThat(dom).contains("The service rejected the token (401)");
  }

  @Test
  void pageServedWithContentSecurityPolicy() {
    given()
        .get(page)
        .then()
        .statusCode(200)
        .header("Content-Security-Policy", containsString("script-src 'self'"))
        .header("Content-Security-Policy", containsString("connect-src 'self'"));
  }

  @Test
  void screenshotTaken() throws Exception {
    String digest = appendSampleEntries();
    scheduler.maybeCheckpoint();
    Path screenshot = Path.of("target", "compliance-page.png").toAbsolutePath();
    Files.deleteIfExists(screenshot);

    chromium(
        "--screenshot=" + screenshot,
        "--window-size=1280,1700",
        page + "?digest=" + digest + "#token=" + READER_TOKEN);

    assertThat(screenshot).isRegularFile();
    assertThat(Files.size(screenshot)).isGreaterThan(10_000);
  }

  /** Appends a push, two decisions and a breakglass admission, and returns the pushed digest. */
  private String appendSampleEntries() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String id = Long.toHexString(System.nanoTime());
    String digest = "sha256:" + "0".repeat(64 - id.length()) + id;
    ObjectNode denialData = JsonNodeFactory.instance.objectNode().put("breakglass", false);
    ObjectNode breakglassData = JsonNodeFactory.instance.objectNode().put("breakglass", true);
    List<LogEntry> entries = new ArrayList<>();
    entries.add(
        LogEntry.builder()
            .eventId("push-" + id)
            .eventType("dev.custos.registry.image.pushed")
            .source("/custos/signer-service")
            .time(now.minus(2, ChronoUnit.DAYS))
            .digest(digest)
            .image("registry.example/shop/frontend")
            .actor("ci-bot")
            .build());
    entries.add(
        decision("allowed-" + id, now.minus(1, ChronoUnit.DAYS), "frontend", "allowed")
            .reason("all images verified")
            .build());
    entries.add(
        decision("denied-" + id, now.minus(1, ChronoUnit.HOURS), "checkout", "denied")
            .reason("No matched signatures for container image: registry.example/shop/checkout:1.4")
            .data(denialData)
            .build());
    entries.add(
        decision("breakglass-" + id, now.minus(10, ChronoUnit.MINUTES), "incident-fix", "allowed")
            .reason("admitted by the breakglass annotation")
            .data(breakglassData)
            .build());
    auditLog.append(entries);
    return digest;
  }

  private static LogEntry.Builder decision(
      String eventId, Instant time, String workload, String decision) {
    return LogEntry.builder()
        .eventId(eventId)
        .eventType("dev.custos.admission.decision")
        .source("/custos/admission-service")
        .time(time)
        .namespace("payments")
        .name(workload)
        .actor("alice@example.com")
        .decision(decision);
  }

  /** Returns the HTML of the table with this id, up to its end tag. */
  private static String section(String dom, String tableId) {
    int start = dom.indexOf("<table id=\"" + tableId + "\"");
    assertThat(start).as("table %s in the page", tableId).isNotNegative();
    return dom.substring(start, dom.indexOf("</table>", start));
  }

  private String dumpDom(String url) throws Exception {
    return chromium("--dump-dom", url);
  }

  /**
   * Runs headless Chromium on {@code url} with a new profile directory and returns its standard
   * output. The virtual time budget lets the page's requests finish before the DOM is printed.
   */
  private static String chromium(String... args) throws Exception {
    requireChromium();
    Path profile = Files.createTempDirectory("custos-chromium-");
    Path stdout = Files.createTempFile("custos-chromium-", ".out");
    Path stderr = Files.createTempFile("custos-chromium-", ".err");
    try {
      List<String> command =
          new ArrayList<>(
              List.of(
                  CHROMIUM.toString(),
                  "--headless",
                  "--no-sandbox",
                  "--disable-gpu",
                  "--disable-quic",
                  "--no-first-run",
                  "--disable-background-networking",
                  "--disable-component-update",
                  "--disable-sync",
                  "--user-data-dir=" + profile,
                  "--virtual-time-budget=10000"));
      command.addAll(List.of(args));
      Process process =
          new ProcessBuilder(command)
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile())
              .start();
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("chromium did not end within 90 s: " + Files.readString(stderr));
      }
      assertThat(process.exitValue())
          .as("chromium exit code, stderr: %s", Files.readString(stderr))
          .isZero();
      return Files.readString(stdout);
    } finally {
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
      deleteTree(profile);
    }
  }

  private static void deleteTree(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
