package dev.custos.signer.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.events.image.ImageReference;
import dev.custos.signer.signing.PkixSigner;
import dev.custos.signer.signing.SignedPayload;
import dev.custos.signer.signing.SigningKey;
import dev.custos.signer.signing.SimpleSigningPayload;
import dev.custos.signer.workflow.RepositoryPattern;
import dev.custos.signer.workflow.VulnerabilityPolicy;
import dev.custos.signer.workflow.WorkflowRule;
import dev.custos.signer.workflow.WorkflowRules;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The convergent cleanup of {@link SigningWorkflow}: two runs that race past the check both create
 * an attestation, and both end with the same single one.
 */
class SigningWorkflowTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DIGEST = "sha256:" + "7".repeat(64);
  private static final String RESOURCE = "https://localhost:5000/team/app@" + DIGEST;
  private static final ImageReference IMAGE =
      ImageReference.parse("localhost:5000/team/app:1.0@" + DIGEST);
  private static final WorkflowRule RULE =
      new WorkflowRule(
          "all",
          new RepositoryPattern("localhost:5000/team/**"),
          RunnerFixture.AUTHORITY,
          RunnerFixture.KEY_NAME,
          VulnerabilityPolicy.ALLOW_ALL,
          false,
          null,
          false);

  private static Path workDir;
  private static Path keyFile;
  private RunnerFixture fixture;

  @BeforeAll
  static void generateKey() throws Exception {
    workDir = Files.createTempDirectory("custos-workflow");
    keyFile = workDir.resolve("ec.pem");
    Process process =
        new ProcessBuilder(
                "openssl",
                "genpkey",
                "-algorithm",
                "EC",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-out",
                keyFile.toString())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectErrorStream(true)
            .redirectOutput(workDir.resolve("openssl.log").toFile())
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
  }

  @AfterAll
  static void removeKey() throws Exception {
    Files.deleteIfExists(workDir.resolve("openssl.log"));
    Files.deleteIfExists(keyFile);
    Files.deleteIfExists(workDir);
  }

  @BeforeEach
  void createFixture() throws Exception {
    fixture = new RunnerFixture(100);
  }

  @AfterEach
  void closeFixture() throws Exception {
    fixture.close();
  }

  @Test
  void racingRunsConvergeToOneAttestation() throws Exception {
    SigningWorkflow first = fixture.workflow(keyFile, WorkflowRules.of(List.of(RULE)));
    SigningWorkflow second = fixture.workflow(keyFile, WorkflowRules.of(List.of(RULE)));
    CountDownLatch gate = new CountDownLatch(1);
    fixture.metadata.holdCreateResponses(gate);

    CompletableFuture<WorkflowResult> a =
        CompletableFuture.supplyAsync(() -> first.run(RULE, IMAGE, Instant.now()));
    CompletableFuture<WorkflowResult> b =
        CompletableFuture.supplyAsync(() -> second.run(RULE, IMAGE, Instant.now()));
    // Both runs passed the check and stored an attestation before either saw the other's.
    await().atMost(Duration.ofSeconds(30)).until(() -> fixture.metadata.creates() == 2);
    gate.countDown();
    WorkflowResult resultA = a.get(30, TimeUnit.SECONDS);
    WorkflowResult resultB = b.get(30, TimeUnit.SECONDS);

    List<ObjectNode> remaining = fixture.metadata.attestations(RESOURCE);
    assertThat(remaining).hasSize(1);
    String kept = remaining.get(0).get("name").asText();
    assertThat(resultA.status()).isEqualTo(WorkflowResult.Status.SIGNED);
    assertThat(resultB.status()).isEqualTo(WorkflowResult.Status.SIGNED);
    assertThat(resultA.attestationName()).isEqualTo(kept);
    assertThat(resultB.attestationName()).isEqualTo(kept);
    assertThat(List.of(resultA.created(), resultB.created()))
        .containsExactlyInAnyOrder(true, false);
  }

  @Test
  void foreignAttestationKeptAndNotDuplicated() throws Exception {
    // An attestation on the authority's note that a person made with another tool.
    SigningKey person = new SigningKey("person", PkixSigner.fromPem(Files.readString(keyFile)));
    SignedPayload signed =
        person.sign(SimpleSigningPayload.create(IMAGE, "someone with openssl", Instant.now()));
    ObjectNode manual = AttestationOccurrences.build(RESOURCE, RunnerFixture.AUTHORITY, signed);
    String manualName = fixture.metadata.addOccurrence("custos", manual).get("name").asText();
    SigningWorkflow workflow = fixture.workflow(keyFile, WorkflowRules.of(List.of(RULE)));

    WorkflowResult result = workflow.run(RULE, IMAGE, Instant.now());

    assertThat(result.status()).isEqualTo(WorkflowResult.Status.SIGNED);
    assertThat(result.created()).isFalse();
    assertThat(result.attestationName()).isEqualTo(manualName);
    assertThat(fixture.metadata.creates()).isZero();
    assertThat(fixture.metadata.attestations(RESOURCE)).hasSize(1);
  }

  @Test
  void keeperOrderIsEarliestThenName() {
    ObjectNode later = attestation("projects/custos/occurrences/a", "2026-12-04T10:00:01Z");
    ObjectNode earlierB = attestation("projects/custos/occurrences/b", "2026-12-04T10:00:00.5Z");
    ObjectNode earlierC = attestation("projects/custos/occurrences/c", "2026-12-04T10:00:00.500Z");
    ObjectNode noTime = attestation("projects/custos/occurrences/0", null);

    List<com.fasterxml.jackson.databind.JsonNode> ordered =
        AttestationOccurrences.ofAuthority(
            List.of(later, noTime, earlierC, earlierB), RunnerFixture.AUTHORITY);

    assertThat(ordered)
        .extracting(node -> node.get("name").asText())
        .containsExactly(
            "projects/custos/occurrences/b",
            "projects/custos/occurrences/c",
            "projects/custos/occurrences/a",
            "projects/custos/occurrences/0");
  }

  private static ObjectNode attestation(String name, String createTime) {
    ObjectNode occurrence = JSON.createObjectNode();
    occurrence.put("name", name);
    occurrence.put("noteName", RunnerFixture.AUTHORITY);
    occurrence.put("kind", "ATTESTATION");
    if (createTime != null) {
      occurrence.put("createTime", createTime);
    }
    return occurrence;
  }
}
