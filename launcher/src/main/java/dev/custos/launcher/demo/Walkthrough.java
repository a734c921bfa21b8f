package dev.custos.launcher.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.audit.checkpoint.NoteVerifier;
import dev.custos.launcher.DevelopmentKeys;
import dev.custos.launcher.DevelopmentPolicy;
import dev.custos.launcher.Home;
import dev.custos.launcher.LocalHttp;
import dev.custos.launcher.LocalSystem;
import dev.custos.launcher.Ports;
import dev.custos.launcher.Service;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The walkthrough of the classic Grafeas and Kritis story against a running system. It makes a QA
 * key and attestor, sends a registry push that the signer attests, and shows a denied pod. Then it
 * uploads a clear-signed QA attestation with curl, shows the admitted pod and three more pods, and
 * checks the audit log with proofs. Each step prints what it sends and what it gets, and raises
 * {@link StepFailedException} when the result is not the expected one.
 */
public final class Walkthrough implements AutoCloseable {

  /** The manifest digest of the captured push, which every step refers to. */
  public static final String DIGEST =
      "sha256:e58f00228471dd110757629c4e16e8672e6f742754adfed6d5c01e6fd4886c58";

  public static final String REPOSITORY = "payment";
  public static final String IMAGE = LocalSystem.REGISTRY_HOST + "/" + REPOSITORY + "@" + DIGEST;
  public static final String QA_NOTE = "projects/qa/notes/qa";

  /** An image whose digest no key of the policy signed, for the unsigned init container. */
  static final String UNSIGNED_INIT_IMAGE =
      LocalSystem.REGISTRY_HOST
          + "/payment-migrations@sha256:48fd4f6fc2593eef0a5f54defd91bb59b30ea4513a866b1d4c31be0394e3744c";

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(5);

  private final Path repository;
  private final Home home;
  private final Ports ports;
  private final PrintStream out;
  private final LocalHttp http;
  private final ObjectMapper json = new ObjectMapper();
  private final Reviews reviews = new Reviews(json);
  private final ServiceCalls calls;
  private final AuditClient audit;

  private QaKey qaKey;
  private long auditSizeBeforePush;
  private AuditClient.SignedCheckpoint checkpointAfterPush;
  private ObjectNode paymentReview;
  private final List<String> decisionUids = new ArrayList<>();
  private long uploadAcceptedNanos;

  public Walkthrough(Path repository, Home home, Ports ports, PrintStream out) {
    this.repository = repository;
    this.home = home;
    this.ports = ports;
    this.out = out;
    this.http = LocalHttp.trusting(home.tlsAuthority());
    this.audit = new AuditClient(http, json, Service.AUDIT.baseUrl(ports));
    this.calls = new ServiceCalls(http, json, ports);
  }

  /** Runs every step in order and prints a summary; returns whether every step passed. */
  public boolean runAll() {
    List<String> failed = new ArrayList<>();
    run("1. QA key, qa attestor and qa note", this::createQaAttestor, failed);
    run("2. Registry push of payment, signed by built-by-ci", this::pushPayment, failed);
    run("3. Pod by digest before the QA attestation", this::reviewBeforeQa, failed);
    run(
        "4. QA attestation, clear-signed and uploaded with curl",
        this::uploadQaAttestation,
        failed);
    run("5. The same pod after the QA attestation", this::reviewAfterQa, failed);
    run("6. Tag only, unsigned init container, breakglass", this::otherPods, failed);
    run("7. Audit log: order, checkpoint, inclusion, consistency", this::checkAuditLog, failed);
    close();
    out.println();
    if (failed.isEmpty()) {
      out.println("Walkthrough: all 7 steps passed");
    } else {
      out.println(
          "Walkthrough: " + failed.size() + " of 7 steps failed: " + String.join("; ", failed));
    }
    return failed.isEmpty();
  }

  private void run(String title, Runnable step, List<String> failed) {
    out.println();
    out.println("== " + title);
    try {
      step.run();
      out.println("   PASSED");
    } catch (StepFailedException e) {
      out.println("   FAILED: " + e.getMessage());
      failed.add(title.substring(0, title.indexOf('.')) + ": " + e.getMessage());
    }
  }

  /**
   * Step 1: generates the QA key (gpg, or BouncyCastle without it), adds it to the policy as the
   * {@code qa} attestor, waits until the admission service has loaded that policy, and creates the
   * {@code qa} note.
   */
  public void createQaAttestor() {
    if (GpgQaKey.available()) {
      qaKey = GpgQaKey.generate(home.demo());
    } else {
      out.println("   gpg is not installed; generating the OpenPGP key with BouncyCastle instead");
      qaKey = BouncyCastleQaKey.generate();
    }
    out.println("   key: " + qaKey.description());
    out.println("   fingerprint: " + qaKey.fingerprint());

    List<DevelopmentPolicy.Attestor> attestors =
        List.of(
            new DevelopmentPolicy.Attestor(
                "built-by-ci",
                DevelopmentPolicy.BUILT_BY_CI_NOTE,
                DevelopmentKeys.signerPublicKey(home)),
            new DevelopmentPolicy.Attestor("qa", QA_NOTE, qaKey.armoredPublicKey()));
    DevelopmentPolicy.write(home.policy(), attestors);
    String revision = "sha256:" + sha256Hex(readPolicy());
    out.println(
        "   policy " + home.policy() + " now requires built-by-ci and qa (" + revision + ")");
    Duration loaded =
        await(
            "the admission service loads policy " + revision,
            () -> calls.admissionPolicyRevision().filter(revision::equals));
    out.printf("   admission service loaded it after %d ms%n", loaded.toMillis());

    calls.metadataCreate("/v1/projects", "{\"name\":\"projects/qa\"}");
    calls.metadataCreate(
        "/v1/projects/qa/notes?noteId=qa",
        "{\"shortDescription\":\"Passed QA\",\"attestation\":{\"hint\":{\"humanReadableName\":\"qa\"}}}");
    out.println("   note " + QA_NOTE + " exists");
  }

  /**
   * Step 2: sends the captured Distribution notification, with its repository renamed to {@code
   * payment}, to the signer's webhook, waits for the signer's {@code built-by-ci} attestation, and
   * keeps the audit checkpoint that covers the push.
   */
  public void pushPayment() {
    NoteVerifier verifier = audit.verifierKey();
    auditSizeBeforePush = audit.latestCheckpoint(verifier).size();

    Fixtures.CapturedRequest push = Fixtures.manifestPush(json);
    ObjectNode target = (ObjectNode) push.body().path("events").path(0).get("target");
    String capturedRepository = target.path("repository").asText();
    target.put("repository", REPOSITORY);
    // A new push of the same manifest: Distribution gives every notification its own id and time.
    ObjectNode event = (ObjectNode) push.body().path("events").get(0);
    event.put("id", UUID.randomUUID().toString());
    event.put("timestamp", Instant.now().toString());
    target.put(
        "url",
        target
            .path("url")
            .asText()
            .replace("/" + capturedRepository + "/", "/" + REPOSITORY + "/"));
    boolean attestedBefore =
        calls.occurrence(DevelopmentPolicy.BUILT_BY_CI_NOTE, IMAGE).isPresent();
    String url = Service.SIGNER.baseUrl(ports) + "/webhooks/registry/dev";
    out.println(
        "   POST "
            + url
            + " ("
            + push.headers().path("Content-Type").asText()
            + ", the manifest push that Distribution 2.8.2 sent, repository "
            + capturedRepository
            + " renamed "
            + REPOSITORY
            + ")");
    LocalHttp.Response response =
        calls.post(
            url,
            push.body().toString(),
            "Content-Type",
            push.headers().path("Content-Type").asText(),
            "Authorization",
            push.headers().path("Authorization").asText());
    out.println("   " + response.status() + " " + response.body());
    if (response.status() != 202) {
      throw new StepFailedException("the signer returned " + response.status() + ", expected 202");
    }

    StepFailedException signerFailure = null;
    try {
      Duration signed =
          await(
              "the signer's built-by-ci attestation of " + IMAGE,
              () -> calls.occurrence(DevelopmentPolicy.BUILT_BY_CI_NOTE, IMAGE));
      if (attestedBefore) {
        out.println(
            "   built-by-ci attested this digest in an earlier walkthrough, and the signer attests"
                + " a digest once; qa is still missing");
      } else {
        out.printf(
            "   built-by-ci attestation stored %d ms after the push; qa is still missing%n",
            signed.toMillis());
      }
    } catch (StepFailedException e) {
      signerFailure = e;
    }
    // Kept even when the signer did not attest, so that step 7 can still check consistency.
    checkpointAfterPush = awaitCheckpointCovering(verifier);
    out.println("   audit checkpoint after this step: size " + checkpointAfterPush.size());
    if (signerFailure != null) {
      throw signerFailure;
    }
  }

  /** Step 3: the pod by digest is denied, because the qa attestation is missing. */
  public void reviewBeforeQa() {
    paymentReview = reviews.pod("payment", IMAGE);
    JsonNode response = review(paymentReview);
    expectDenied(response, "No matched signatures for container image: " + IMAGE);
  }

  /** Step 4: clear-signs the digest with the QA key and uploads it with curl in the 2017 shape. */
  public void uploadQaAttestation() {
    String signed = qaKey.clearSign(DIGEST + "\n");
    out.println("   gpg --clearsign of \"" + DIGEST + "\":");
    signed.lines().limit(4).forEach(line -> out.println("     " + line));
    out.println("     ...");

    ObjectNode occurrence = json.createObjectNode();
    occurrence.put("resourceUrl", "https://" + IMAGE);
    occurrence.put("noteName", QA_NOTE);
    ObjectNode pgp = occurrence.putObject("attestation").putObject("pgpSignedAttestation");
    pgp.put("signature", signed);
    pgp.put("contentType", "application/vnd.gcr.image.url.v1");
    pgp.put("pgpKeyId", qaKey.fingerprint());
    Path body = home.demo().resolve("qa-attestation.json");
    Shell.write(body, occurrence.toString());

    String url = Service.METADATA.baseUrl(ports) + "/v1/projects/qa/occurrences";
    List<String> curl =
        List.of(
            "curl",
            "-sS",
            "-w",
            "\\n%{http_code}",
            "-H",
            "Authorization: Bearer " + LocalSystem.METADATA_TOKEN,
            "-H",
            "Content-Type: application/json",
            "--data-binary",
            "@" + body,
            url);
    out.println("   " + Shell.words(curl));
    String result = Shell.curl(curl, calls, out);
    uploadAcceptedNanos = System.nanoTime();
    String status = result.substring(result.lastIndexOf('\n') + 1).strip();
    String answer = result.substring(0, result.lastIndexOf('\n'));
    out.println("   " + status + " " + abbreviate(answer, 160));
    if (!status.equals("200")) {
      throw new StepFailedException(
          "the metadata service returned " + status + " to the upload: " + answer);
    }
  }

  /** Waits until the audit log records the QA attestation that step 4 uploaded. */
  private void awaitQaAttestationAudited() {
    awaitAudited("the qa attestation", entry -> isAttestation(entry, QA_NOTE));
  }

  /** Step 5: the same review is admitted; prints the time from the upload to the admission. */
  public Duration reviewAfterQa() {
    long deadline = System.nanoTime() + WAIT.toNanos();
    int attempts = 0;
    JsonNode verdict;
    do {
      ObjectNode attempt = Reviews.retried(paymentReview);
      verdict = review(attempt, false).path("response");
      attempts++;
      if (verdict.path("allowed").asBoolean()) {
        Duration propagation = Duration.ofNanos(System.nanoTime() - uploadAcceptedNanos);
        out.println("   POST /validate uid " + Reviews.uid(attempt) + ": allowed true");
        out.printf(
            "   propagation from the upload's 200 to the admission: %.1f ms (%d reviews sent)%n",
            propagation.toNanos() / 1e6, attempts);
        // The review that step 7 checks comes after the attestation's record in the audit log.
        awaitQaAttestationAudited();
        if (!reviewOnce()) {
          throw new StepFailedException("the pod was denied again after it had been admitted");
        }
        return propagation;
      }
      // Fast at first, to measure the propagation; each review is also an audited decision.
      sleep(attempts < 200 ? POLL : Duration.ofMillis(250));
    } while (System.nanoTime() < deadline);
    throw new StepFailedException(
        "the pod was still denied "
            + WAIT.toSeconds()
            + " s after the upload: "
            + verdict.path("status").path("message").asText());
  }

  /**
   * Sends the payment pod's review once more, as after a restart of the admission service, and
   * returns whether it was admitted.
   */
  public boolean reviewOnce() {
    return review(Reviews.retried(paymentReview)).path("response").path("allowed").asBoolean();
  }

  /**
   * Step 6: a pod by tag and one with an unsigned init container are denied; breakglass is
   * admitted.
   */
  public void otherPods() {
    String byTag = LocalSystem.REGISTRY_HOST + "/" + REPOSITORY + ":v1";
    out.println("   pod payment-by-tag runs " + byTag);
    expectDenied(review(reviews.pod("payment-by-tag", byTag)), "has no digest");

    out.println(
        "   pod payment-with-init runs "
            + IMAGE
            + " after the init container "
            + UNSIGNED_INIT_IMAGE);
    expectDenied(
        review(reviews.podWithInitContainer("payment-with-init", IMAGE, UNSIGNED_INIT_IMAGE)),
        "No matched signatures for container image: " + UNSIGNED_INIT_IMAGE);

    out.println(
        "   pod payment-breakglass runs "
            + UNSIGNED_INIT_IMAGE
            + " with "
            + Reviews.BREAKGLASS_ANNOTATION
            + ": \"true\"");
    JsonNode breakglass = review(reviews.breakglassPod("payment-breakglass", UNSIGNED_INIT_IMAGE));
    if (!breakglass.path("response").path("allowed").asBoolean()) {
      throw new StepFailedException(
          "the breakglass pod was denied: " + breakglass.path("response"));
    }
    if (breakglass.path("response").path("warnings").isEmpty()) {
      throw new StepFailedException("the breakglass admission carries no warning");
    }
  }

  /**
   * Step 7: waits until the audit log contains the last decision, lists the walkthrough's entries
   * in order, and verifies the latest checkpoint, the inclusion of the admitting decision and the
   * consistency with the checkpoint kept after the push.
   */
  public void checkAuditLog() {
    if (checkpointAfterPush == null) {
      throw new StepFailedException("step 2 kept no checkpoint to compare with");
    }
    NoteVerifier verifier = audit.verifierKey();
    String lastUid = decisionUids.get(decisionUids.size() - 1);
    await("the audit log records the decision " + lastUid, () -> decisionEntry(verifier, lastUid));
    AuditClient.SignedCheckpoint latest = audit.latestCheckpoint(verifier);
    List<AuditClient.Entry> entries = audit.entries(auditSizeBeforePush, latest.size());
    out.println(
        "   entries " + auditSizeBeforePush + " to " + (latest.size() - 1) + " of the steps:");
    int others = 0;
    for (AuditClient.Entry entry : entries) {
      if (isPaymentPush(entry)
          || entry.type().startsWith("dev.custos.metadata.occurrence.")
          || entry.type().startsWith("dev.custos.signer.")
          || decisionUids.contains(entry.data().path("requestUid").asText())) {
        out.println("     " + describe(entry));
      } else {
        others++;
      }
    }
    if (others > 0) {
      out.println(
          "     and "
              + others
              + " other entries, such as the decisions on the reviews that step 5 sent while it"
              + " waited");
    }

    Optional<AuditVerifierCommand> command = AuditVerifierCommand.find(repository);
    if (command.isPresent()) {
      verifyWithCommand(command.get(), verifier, latest, entries);
    } else {
      out.println(
          "   no audit verifier jar in audit-service/target; checking with the audit module's"
              + " classes in this process");
      verifyInProcess(verifier, latest, entries);
    }

    List<Long> order = new ArrayList<>();
    order.add(entry(entries, "registry push", this::isPaymentPush).index());
    AuditClient.Entry builtByCi =
        entry(
            audit.entries(0, latest.size()),
            "built-by-ci attestation",
            e -> isAttestation(e, DevelopmentPolicy.BUILT_BY_CI_NOTE));
    if (builtByCi.index() >= auditSizeBeforePush) {
      order.add(builtByCi.index());
    } else {
      out.println(
          "   the built-by-ci attestation is from an earlier walkthrough, at leaf "
              + builtByCi.index());
    }
    for (int i = 0; i < decisionUids.size(); i++) {
      if (i == 1) {
        order.add(entry(entries, "qa attestation", e -> isAttestation(e, QA_NOTE)).index());
      }
      String uid = decisionUids.get(i);
      order.add(entry(entries, "decision " + uid, byRequestUid(uid)).index());
    }
    for (int i = 1; i < order.size(); i++) {
      if (order.get(i) < order.get(i - 1)) {
        throw new StepFailedException(
            "the audit log contains the steps out of order: leaf indexes " + order);
      }
    }
    out.println("   the steps are in order at leaf indexes " + order);
  }

  /**
   * Checks the latest checkpoint, the inclusion of each of the walkthrough's decisions and the
   * consistency with the checkpoint of step 2 with the audit verifier, on files saved from the API.
   */
  private void verifyWithCommand(
      AuditVerifierCommand command,
      NoteVerifier verifier,
      AuditClient.SignedCheckpoint latest,
      List<AuditClient.Entry> entries) {
    Path folder = home.demo().resolve("audit");
    String key = verifier.verifierKey();
    Path latestFile = folder.resolve("checkpoint-" + latest.size() + ".txt");
    Path afterPushFile = folder.resolve("checkpoint-" + checkpointAfterPush.size() + ".txt");
    Shell.write(latestFile, latest.note());
    Shell.write(afterPushFile, checkpointAfterPush.note());

    runVerifier(
        command, List.of("checkpoint", "--key", key, "--checkpoint", latestFile.toString()));
    for (String uid : decisionUids) {
      AuditClient.Entry decision = entry(entries, "decision " + uid, byRequestUid(uid));
      Path entryFile = folder.resolve("entry-" + decision.index() + ".json");
      Path proofFile =
          folder.resolve("inclusion-" + decision.index() + "-" + latest.size() + ".json");
      Shell.write(entryFile, decision.bytes());
      Shell.write(proofFile, audit.inclusionProof(decision.index(), latest.size()));
      out.println(
          "   decision "
              + uid
              + " at leaf "
              + decision.index()
              + ", allowed "
              + decision.data().path("allowed").asBoolean()
              + ":");
      runVerifier(
          command,
          List.of(
              "inclusion",
              "--key",
              key,
              "--checkpoint",
              latestFile.toString(),
              "--proof",
              proofFile.toString(),
              "--entry",
              entryFile.toString()));
    }
    Path consistencyFile =
        folder.resolve("consistency-" + checkpointAfterPush.size() + "-" + latest.size() + ".json");
    Shell.write(consistencyFile, audit.consistencyProof(checkpointAfterPush.size(), latest.size()));
    runVerifier(
        command,
        List.of(
            "consistency",
            "--key",
            key,
            "--old",
            afterPushFile.toString(),
            "--new",
            latestFile.toString(),
            "--proof",
            consistencyFile.toString()));
  }

  private void runVerifier(AuditVerifierCommand command, List<String> arguments) {
    out.println("   " + command.commandLine(arguments));
    command.run(arguments).lines().forEach(line -> out.println("     " + line));
  }

  /** The same checks as {@link #verifyWithCommand}, with the audit module's classes. */
  private void verifyInProcess(
      NoteVerifier verifier, AuditClient.SignedCheckpoint latest, List<AuditClient.Entry> entries) {
    out.println(
        "   checkpoint "
            + latest.checkpoint().origin()
            + " size "
            + latest.size()
            + " verifies with "
            + verifier.verifierKey());
    for (String uid : decisionUids) {
      AuditClient.Entry decision = entry(entries, "decision " + uid, byRequestUid(uid));
      audit.verifyInclusion(decision, latest.checkpoint());
      out.println(
          "   inclusion of decision "
              + uid
              + " (leaf "
              + decision.index()
              + ", allowed "
              + decision.data().path("allowed").asBoolean()
              + ") in size "
              + latest.size()
              + " verifies");
    }
    audit.verifyConsistency(checkpointAfterPush.checkpoint(), latest.checkpoint());
    out.println(
        "   consistency of size "
            + checkpointAfterPush.size()
            + " (after step 2) with size "
            + latest.size()
            + " verifies");
  }

  @Override
  public void close() {
    if (qaKey != null) {
      qaKey.close();
      qaKey = null;
    }
  }

  private byte[] readPolicy() {
    try {
      return Files.readAllBytes(home.policy());
    } catch (IOException e) {
      throw new StepFailedException("reading " + home.policy() + " failed: " + e.getMessage(), e);
    }
  }

  private static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /**
   * Waits until the audit log contains the push, and the built-by-ci attestation if the metadata
   * service has it, and a checkpoint covers them, and returns that checkpoint.
   */
  private AuditClient.SignedCheckpoint awaitCheckpointCovering(NoteVerifier verifier) {
    boolean signed = calls.occurrence(DevelopmentPolicy.BUILT_BY_CI_NOTE, IMAGE).isPresent();
    long[] last = new long[1];
    await(
        "the audit log records the push" + (signed ? " and the built-by-ci attestation" : ""),
        () -> {
          List<AuditClient.Entry> entries =
              audit.entries(0, audit.latestCheckpoint(verifier).size());
          Optional<AuditClient.Entry> push =
              entries.stream()
                  .filter(entry -> entry.index() >= auditSizeBeforePush && isPaymentPush(entry))
                  .findFirst();
          // The signer attests a digest once, so a repeated walkthrough finds an earlier entry.
          Optional<AuditClient.Entry> attested =
              entries.stream()
                  .filter(entry -> isAttestation(entry, DevelopmentPolicy.BUILT_BY_CI_NOTE))
                  .reduce((first, second) -> second);
          if (push.isEmpty() || (signed && attested.isEmpty())) {
            return Optional.empty();
          }
          last[0] =
              Math.max(push.get().index(), attested.map(AuditClient.Entry::index).orElse(-1L));
          return Optional.of(last[0]);
        });
    AuditClient.SignedCheckpoint[] covering = new AuditClient.SignedCheckpoint[1];
    await(
        "a checkpoint covers leaf " + last[0],
        () -> {
          covering[0] = audit.latestCheckpoint(verifier);
          return covering[0].size() > last[0] ? Optional.of(covering[0]) : Optional.empty();
        });
    return covering[0];
  }

  private Optional<AuditClient.Entry> decisionEntry(NoteVerifier verifier, String uid) {
    AuditClient.SignedCheckpoint latest = audit.latestCheckpoint(verifier);
    return audit.entries(auditSizeBeforePush, latest.size()).stream()
        .filter(entry -> entry.data().path("requestUid").asText().equals(uid))
        .findFirst();
  }

  private boolean isPaymentPush(AuditClient.Entry entry) {
    return entry.type().equals("dev.custos.registry.image.pushed")
        && entry.data().path("repository").asText().equals(REPOSITORY);
  }

  private static boolean isAttestation(AuditClient.Entry entry, String note) {
    return entry.type().equals("dev.custos.metadata.occurrence.created")
        && entry.data().path("noteName").asText().equals(note);
  }

  private static AuditClient.Entry entry(
      List<AuditClient.Entry> entries, String what, Predicate<AuditClient.Entry> matches) {
    return entries.stream()
        .filter(matches)
        .findFirst()
        .orElseThrow(() -> new StepFailedException("the audit log has no entry of the " + what));
  }

  private static Predicate<AuditClient.Entry> byRequestUid(String uid) {
    return entry -> entry.data().path("requestUid").asText().equals(uid);
  }

  private static String describe(AuditClient.Entry entry) {
    JsonNode subject = entry.entry().path("subject");
    String what = subject.path("image").asText(subject.path("name").asText(""));
    String decision = entry.entry().path("decision").asText("");
    String reason = entry.entry().path("reason").asText("");
    return String.format(
        "%4d  %-40s %s%s%s",
        entry.index(),
        entry.type(),
        abbreviate(what, 90),
        decision.isEmpty() ? "" : "  " + decision,
        reason.isEmpty() ? "" : " (" + abbreviate(reason, 100) + ")");
  }

  /** Sends {@code review} to the admission webhook, prints the verdict and keeps its uid. */
  private JsonNode review(ObjectNode review) {
    JsonNode response = review(review, true);
    JsonNode verdict = response.path("response");
    out.println(
        "   POST /validate uid "
            + Reviews.uid(review)
            + ": allowed "
            + verdict.path("allowed").asBoolean()
            + (verdict.has("status") ? ", " + verdict.path("status").path("message").asText() : "")
            + (verdict.path("warnings").isEmpty() ? "" : ", warnings " + verdict.path("warnings")));
    return response;
  }

  private JsonNode review(ObjectNode review, boolean keep) {
    JsonNode answer = calls.sendReview(reviews.text(review), Reviews.uid(review));
    if (keep) {
      decisionUids.add(Reviews.uid(review));
      awaitAudited("the decision " + Reviews.uid(review), byRequestUid(Reviews.uid(review)));
    }
    return answer;
  }

  /**
   * Waits until a checkpoint covers an entry of this walkthrough that {@code matches}, and prints
   * its leaf index. The services publish to different topics, which the audit service reads in no
   * fixed order, so each step waits for its record before the next step starts, and the log keeps
   * the steps in order.
   */
  private void awaitAudited(String what, Predicate<AuditClient.Entry> matches) {
    NoteVerifier verifier = audit.verifierKey();
    AuditClient.Entry[] found = new AuditClient.Entry[1];
    await(
        "the audit log records " + what,
        () -> {
          long size = audit.latestCheckpoint(verifier).size();
          Optional<AuditClient.Entry> entry =
              audit.entries(auditSizeBeforePush, size).stream().filter(matches).findFirst();
          entry.ifPresent(value -> found[0] = value);
          return entry;
        });
    out.println("   audit log: leaf " + found[0].index() + ", " + found[0].type());
  }

  private static void expectDenied(JsonNode response, String expectedMessage) {
    JsonNode verdict = response.path("response");
    if (verdict.path("allowed").asBoolean()) {
      throw new StepFailedException(
          "the pod was admitted, expected a denial saying " + expectedMessage);
    }
    String message = verdict.path("status").path("message").asText();
    if (!message.contains(expectedMessage)) {
      throw new StepFailedException(
          "the denial message is \"" + message + "\", expected \"" + expectedMessage + "\"");
    }
  }

  private Duration await(String what, Supplier<Optional<?>> condition) {
    long started = System.nanoTime();
    long deadline = started + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.get().isPresent()) {
        return Duration.ofNanos(System.nanoTime() - started);
      }
      sleep(Duration.ofMillis(50));
    }
    throw new StepFailedException(
        "timed out after " + WAIT.toSeconds() + " s waiting until " + what);
  }

  private static String abbreviate(String text, int length) {
    return text.length() <= length ? text : text.substring(0, length - 3) + "...";
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StepFailedException("interrupted");
    }
  }
}
