package dev.custos.audit.verify;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.audit.AuditDatabaseResource;
import dev.custos.audit.checkpoint.NoteSigner;
import dev.custos.audit.entry.LogEntry;
import dev.custos.audit.log.AuditLog;
import dev.custos.audit.signing.CheckpointScheduler;
import dev.custos.embedded.InjectTestInfrastructure;
import dev.custos.embedded.TestInfrastructure;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verifier jar, run with {@code java -jar} as a separate process, against checkpoints, proofs
 * and exports that the service serves over HTTP from a real log. The tampering tests change the
 * database as a superuser, so they run last.
 */
@QuarkusTest
@WithTestResource(AuditDatabaseResource.class)
@TestProfile(VerifierJarTest.OwnLog.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VerifierJarTest {
  /**
   * A test profile of its own, so that Quarkus starts this class's application, and with it a new
   * database, instead of sharing the log of other classes with the same test resource. The
   * tampering tests leave that log changed.
   */
  public static class OwnLog implements QuarkusTestProfile {}

  private static final String READER_TOKEN = "custos-dev-reader-token";
  private static final String EXPORTER_TOKEN = "custos-dev-exporter-token";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger NEXT = new AtomicInteger();

  @Inject AuditLog auditLog;
  @Inject CheckpointScheduler scheduler;
  @InjectTestInfrastructure TestInfrastructure infrastructure;
  @TempDir Path directory;

  private static Path jar;

  @BeforeAll
  static void findJar() {
    String property = System.getProperty("custos.verifier.jar");
    assertThat(property)
        .as("system property custos.verifier.jar, set by the module's pom")
        .isNotNull();
    jar = Path.of(property);
    assertThat(jar).as("the verifier jar, built before the tests").isRegularFile();
  }

  @Test
  @Order(1)
  void checkpointSignatureVerifies() throws Exception {
    Path checkpoint = signedCheckpoint(3);

    Run run = verifier("checkpoint", "--key", key(), "--checkpoint", checkpoint.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.stdout()).contains("size " + auditLog.size()).contains("signature verified");
  }

  @Test
  @Order(1)
  void checkpointOfOtherKeyFails() throws Exception {
    Path checkpoint = signedCheckpoint(1);
    String otherKey =
        NoteSigner.fromSeed("custos.example/audit", new byte[32]).verifier().toString();

    Run run = verifier("checkpoint", "--key", otherKey, "--checkpoint", checkpoint.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(Verifier.FAILED);
    assertThat(run.stderr()).startsWith("FAILED: checkpoint ");
  }

  @Test
  @Order(1)
  void checkpointTextChangedFails() throws Exception {
    Path checkpoint = signedCheckpoint(1);
    String note = Files.readString(checkpoint);
    String[] lines = note.split("\n", -1);
    lines[1] = String.valueOf(Long.parseLong(lines[1]) + 1);
    Files.writeString(checkpoint, String.join("\n", lines));

    Run run = verifier("checkpoint", "--key", key(), "--checkpoint", checkpoint.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(Verifier.FAILED);
  }

  @Test
  @Order(1)
  void rootRecomputedFromExport() throws Exception {
    Path checkpoint = signedCheckpoint(40);
    Path export = export(0, auditLog.size() - 1);

    Run run = root(checkpoint, export);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.stdout()).contains("have the checkpoint's root").endsWith("OK\n");
  }

  @Test
  @Order(1)
  void shortExportFails() throws Exception {
    Path checkpoint = signedCheckpoint(4);
    Path export = export(0, auditLog.size() - 2);

    Run run = root(checkpoint, export);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(Verifier.FAILED);
    assertThat(run.stderr()).contains("fewer than the checkpoint's tree size");
  }

  @Test
  @Order(1)
  void exportWithRemovedLineFails() throws Exception {
    Path checkpoint = signedCheckpoint(4);
    Path export = export(0, auditLog.size() - 1);
    List<String> lines = new ArrayList<>(Files.readAllLines(export));
    lines.remove(1);
    Files.write(export, lines);

    Run run = root(checkpoint, export);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(Verifier.FAILED);
    assertThat(run.stderr()).contains("has leaf index 2 where 1 follows");
  }

  @Test
  @Order(1)
  void inclusionProofVerifies() throws Exception {
    Path checkpoint = signedCheckpoint(9);
    long size = auditLog.size();
    ObjectNode entry = entryAt(size - 5);
    Path proof = inclusionProof(size - 5, size);
    Path entryFile = directory.resolve("entry.json");
    Files.write(entryFile, entry.get("entry").asText().getBytes(StandardCharsets.UTF_8));

    Run byHash =
        verifier(
            "inclusion",
            "--key",
            key(),
            "--checkpoint",
            checkpoint.toString(),
            "--proof",
            proof.toString(),
            "--leaf-hash",
            entry.get("leafHash").asText());
    Run byEntry =
        verifier(
            "inclusion",
            "--key",
            key(),
            "--checkpoint",
            checkpoint.toString(),
            "--proof",
            proof.toString(),
            "--entry",
            entryFile.toString());

    assertThat(byHash.exitCode()).as(byHash.toString()).isZero();
    assertThat(byEntry.exitCode()).as(byEntry.toString()).isZero();
    assertThat(byHash.stdout()).contains("leaf " + (size - 5) + " is in the tree of size " + size);
  }

  @Test
  @Order(1)
  void inclusionProofWithFlippedBitFails() throws Exception {
    Path checkpoint = signedCheckpoint(9);
    long size = auditLog.size();
    ObjectNode entry = entryAt(2);
    Path proof = inclusionProof(2, size);
    ObjectNode json = (ObjectNode) JSON.readTree(proof.toFile());
    ArrayNode hashes = (ArrayNode) json.get("hashes");
    byte[] first = Base64.getDecoder().decode(hashes.get(0).asText());
    first[7] ^= 0x10;
    hashes.set(0, Base64.getEncoder().encodeToString(first));
    JSON.writeValue(proof.toFile(), json);

    Run run =
        verifier(
            "inclusion",
            "--key",
            key(),
            "--checkpoint",
            checkpoint.toString(),
            "--proof",
            proof.toString(),
            "--leaf-hash",
            entry.get("leafHash").asText());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(Verifier.FAILED);
    assertThat(run.stderr()).startsWith("FAILED: inclusion proof of leaf 2");
  }

  @Test
  @Order(1)
  void consistencyProofVerifies() throws Exception {
    Path older = signedCheckpoint(5);
    long from = auditLog.size();
    Path newer = signedCheckpoint(6);
    Path proof = consistencyProof(from, auditLog.size());

    Run run = consistency(older, newer, proof);
    Run swapped = consistency(newer, older, proof);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(swapped.exitCode()).as(swapped.toString()).isEqualTo(Verifier.FAILED);
  }

  @Test
  @Order(1)
  void badArgumentsExitWithUsage() throws Exception {
    Path checkpoint = signedCheckpoint(1);

    Run none = verifier();
    Run unknown = verifier("rebuild", "--key", key());
    Run missingFile =
        verifier(
            "root",
            "--key",
            key(),
            "--checkpoint",
            checkpoint.toString(),
            "--export",
            directory.resolve("missing.jsonl").toString());
    Run badKey =
        verifier("checkpoint", "--key", "not-a-key", "--checkpoint", checkpoint.toString());
    Run extraOption =
        verifier(
            "checkpoint", "--key", key(), "--checkpoint", checkpoint.toString(), "--proof", "x");

    assertThat(none.exitCode()).isEqualTo(Verifier.USAGE);
    assertThat(none.stderr()).contains("Usage:");
    assertThat(unknown.exitCode()).isEqualTo(Verifier.USAGE);
    assertThat(unknown.stderr()).contains("unknown command 'rebuild'");
    assertThat(missingFile.exitCode()).isEqualTo(Verifier.USAGE);
    assertThat(missingFile.stderr()).contains("export file not found");
    assertThat(badKey.exitCode()).isEqualTo(Verifier.USAGE);
    assertThat(badKey.stderr()).contains("--key 'not-a-key' is not a verifier key");
    assertThat(extraOption.exitCode()).isEqualTo(Verifier.USAGE);
    assertThat(extraOption.stderr()).contains("does not take --proof");
  }

  @Test
  @Order(2)
  void entryChangedBySuperuserDetected() throws Exception {
    Path checkpoint = signedCheckpoint(8);
    long size = auditLog.size();
    assertThat(root(checkpoint, export(0, size - 1)).exitCode()).isZero();
    long target = size - 3;

    superuser(
        "ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only",
        "UPDATE audit_entries SET entry = convert_to(replace(convert_from(entry, 'UTF8'),"
            + " '\"denied\"', '\"allowed\"'), 'UTF8') WHERE leaf_index = "
            + target,
        "ALTER TABLE audit_entries ENABLE ALWAYS TRIGGER audit_entries_append_only");
    Run run = root(checkpoint, export(0, size - 1));

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(Verifier.FAILED);
    assertThat(run.stderr())
        .startsWith("FAILED: leaf " + target + ": SHA-256(0x00 || entry) is ")
        .contains("the entry or its leaf hash was changed");
  }

  @Test
  @Order(3)
  void entryAndLeafHashChangedBySuperuserDetected() throws Exception {
    Path checkpoint = signedCheckpoint(1);
    long size = auditLog.size();

    // A careful superuser also rewrites the stored leaf hash, so the export is consistent in
    // itself.
    superuser(
        "ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only",
        "UPDATE audit_entries SET entry = convert_to(replace(convert_from(entry, 'UTF8'),"
            + " '\"denied\"', '\"allowed\"'), 'UTF8') WHERE leaf_index = 1",
        "UPDATE audit_entries SET leaf_hash = sha256('\\x00'::bytea || entry)",
        "ALTER TABLE audit_entries ENABLE ALWAYS TRIGGER audit_entries_append_only");
    Run run = root(checkpoint, export(0, size - 1));

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(Verifier.FAILED);
    assertThat(run.stderr())
        .contains("the root recomputed from the first " + size + " entries")
        .contains("an entry was changed, removed, inserted or reordered");
  }

  /** Appends entries, every other one denied, signs a checkpoint and writes it to a file. */
  private Path signedCheckpoint(int count) throws IOException {
    List<LogEntry> entries = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int n = NEXT.incrementAndGet();
      entries.add(
          LogEntry.builder()
              .eventId("verifier-event-" + n)
              .eventType("dev.custos.admission.decision")
              .source("/custos/admission-service")
              .time(Instant.parse("2026-12-04T12:00:00Z").plusSeconds(n))
              .namespace("ns")
              .name("deploy-" + n)
              .decision(n % 2 == 0 ? "allowed" : "denied")
              .data(JsonNodeFactory.instance.objectNode().put("sequence", n))
              .build());
    }
    auditLog.append(entries);
    scheduler.maybeCheckpoint();
    String note = given().get("/v1/log/checkpoint").then().statusCode(200).extract().asString();
    Path file = Files.createTempFile(directory, "checkpoint-", ".txt");
    Files.writeString(file, note);
    return file;
  }

  private static String key() {
    return given().get("/v1/log/key").then().statusCode(200).extract().asString().strip();
  }

  private Path export(long start, long end) throws IOException {
    byte[] body =
        given()
            .auth()
            .oauth2(EXPORTER_TOKEN)
            .queryParam("start", start)
            .queryParam("end", end)
            .get("/v1/log/export")
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();
    Path file = Files.createTempFile(directory, "export-", ".jsonl");
    Files.write(file, body);
    return file;
  }

  private static ObjectNode entryAt(long index) throws IOException {
    String body =
        given()
            .auth()
            .oauth2(READER_TOKEN)
            .queryParam("start", index)
            .queryParam("end", index)
            .get("/v1/log/entries")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    return (ObjectNode) JSON.readTree(body).get("entries").get(0);
  }

  private Path inclusionProof(long index, long treeSize) throws IOException {
    return proofFile(
        "/v1/log/proof/inclusion?index=" + index + "&treeSize=" + treeSize, "inclusion-");
  }

  private Path consistencyProof(long from, long to) throws IOException {
    return proofFile("/v1/log/proof/consistency?from=" + from + "&to=" + to, "consistency-");
  }

  private Path proofFile(String url, String prefix) throws IOException {
    String body =
        given().auth().oauth2(READER_TOKEN).get(url).then().statusCode(200).extract().asString();
    Path file = Files.createTempFile(directory, prefix, ".json");
    Files.writeString(file, body);
    return file;
  }

  private Run root(Path checkpoint, Path export) throws Exception {
    return verifier(
        "root",
        "--key",
        key(),
        "--checkpoint",
        checkpoint.toString(),
        "--export",
        export.toString());
  }

  private Run consistency(Path older, Path newer, Path proof) throws Exception {
    return verifier(
        "consistency",
        "--key",
        key(),
        "--old",
        older.toString(),
        "--new",
        newer.toString(),
        "--proof",
        proof.toString());
  }

  private void superuser(String... statements) throws Exception {
    try (Connection connection = infrastructure.connect();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  /** Runs the jar in a new JVM and waits for it. */
  private Run verifier(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));
    Path stdout = Files.createTempFile(directory, "stdout-", ".txt");
    Path stderr = Files.createTempFile(directory, "stderr-", ".txt");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the verifier did not end within 60 s: " + command);
    }
    return new Run(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
  }

  private record Run(int exitCode, String stdout, String stderr) {}
}
