package dev.custos.admission.decision;

import static dev.custos.admission.decision.DecisionFixtures.ALL_THREE;
import static dev.custos.admission.decision.DecisionFixtures.BUILD_ONLY;
import static dev.custos.admission.decision.DecisionFixtures.BUILD_QA;
import static dev.custos.admission.decision.DecisionFixtures.BUILD_ROGUE;
import static dev.custos.admission.decision.DecisionFixtures.LOOKUP;
import static dev.custos.admission.decision.DecisionFixtures.NONE;
import static dev.custos.admission.decision.DecisionFixtures.QA_SECURITY;
import static dev.custos.admission.decision.DecisionFixtures.image;
import static dev.custos.events.admission.ImageDecision.Verdict.ALLOWED;
import static dev.custos.events.admission.ImageDecision.Verdict.DENIED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custos.admission.policy.Policy;
import dev.custos.admission.review.AdmissionRequest;
import dev.custos.admission.review.ReviewBuilder;
import dev.custos.events.admission.AdmissionDecided;
import dev.custos.events.admission.ImageDecision.Verdict;
import dev.custos.events.admission.Operation;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The decision as a table: one request, the expected outcome, per row. */
class AdmissionDecisionTableTest {
  private static final Policy POLICY = DecisionFixtures.policy();
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String BREAKGLASS = AdmissionDecider.BREAKGLASS_ANNOTATION;

  private static final String ATTESTED = image("app", BUILD_QA);
  private static final String UNATTESTED = image("app", NONE);
  private static final String TAG_ONLY = "registry.example.com/team/app:1.0";
  private static final String NOT_SIGNED = "No matched signatures for container image: ";

  /**
   * One row of the table.
   *
   * @param messagePart text that the decision message must contain, or null to skip the check
   * @param verdicts the expected image verdicts in order, or null to skip the check
   * @param warningPart text that some warning must contain, or null when there must be none
   */
  record Case(
      String name,
      ReviewBuilder review,
      boolean allowed,
      DecisionReason reason,
      String messagePart,
      List<Verdict> verdicts,
      boolean breakglass,
      String warningPart) {

    Case withMessage(String part) {
      return new Case(name, review, allowed, reason, part, verdicts, breakglass, warningPart);
    }

    Case withVerdicts(Verdict... expected) {
      return new Case(
          name, review, allowed, reason, messagePart, List.of(expected), breakglass, warningPart);
    }

    Case withWarning(String part) {
      return new Case(name, review, allowed, reason, messagePart, verdicts, breakglass, part);
    }

    Case withBreakglass() {
      return new Case(name, review, allowed, reason, messagePart, verdicts, true, warningPart);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Case allow(String name, ReviewBuilder review, DecisionReason reason) {
    return new Case(name, review, true, reason, null, null, false, null);
  }

  static Case allow(String name, ReviewBuilder review) {
    return allow(name, review, DecisionReason.POLICY_ALLOWED);
  }

  static Case deny(String name, ReviewBuilder review, DecisionReason reason) {
    return new Case(name, review, false, reason, null, null, false, null);
  }

  static Case deny(String name, ReviewBuilder review) {
    return deny(name, review, DecisionReason.POLICY_DENIED);
  }

  static ReviewBuilder pod(String image) {
    return ReviewBuilder.pod().container("app", image);
  }

  static ReviewBuilder pod(String namespace, String image) {
    return pod(image).namespace(namespace);
  }

  static String noDigest(String image) {
    return "image " + image + " has no digest; reference it by digest";
  }

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
            kinds(),
            operations(),
            containerTypes(),
            modes(),
            allowlists(),
            breakglassValues(),
            tagsAndDigests(),
            exemptNamespaces(),
            dryRuns(),
            undecodableObjects())
        .flatMap(s -> s);
  }

  static Stream<Case> kinds() {
    return Stream.of(
        allow("pod attested by both", pod(ATTESTED)).withVerdicts(ALLOWED),
        deny("pod missing qa", pod(image("app", BUILD_ONLY)))
            .withMessage(NOT_SIGNED + image("app", BUILD_ONLY) + ". Missing attestations from: qa.")
            .withVerdicts(DENIED),
        deny("pod without attestations", pod(UNATTESTED))
            .withMessage(NOT_SIGNED + UNATTESTED + ". Missing attestations from: build, qa."),
        allow("deployment attested", ReviewBuilder.deployment().container("app", ATTESTED)),
        deny("deployment unattested", ReviewBuilder.deployment().container("app", UNATTESTED))
            .withMessage(NOT_SIGNED + UNATTESTED),
        deny("replicaset unattested", ReviewBuilder.replicaSet().container("app", UNATTESTED))
            .withVerdicts(DENIED),
        deny("statefulset unattested", ReviewBuilder.statefulSet().container("db", UNATTESTED))
            .withVerdicts(DENIED),
        deny("daemonset unattested", ReviewBuilder.daemonSet().container("agent", UNATTESTED))
            .withVerdicts(DENIED),
        deny("job unattested", ReviewBuilder.job().container("task", UNATTESTED))
            .withVerdicts(DENIED),
        deny("cronjob unattested", ReviewBuilder.cronJob().container("task", UNATTESTED))
            .withVerdicts(DENIED),
        allow("cronjob attested", ReviewBuilder.cronJob().container("task", ATTESTED))
            .withVerdicts(ALLOWED),
        deny(
                "replicationcontroller unattested",
                ReviewBuilder.replicationController().container("app", UNATTESTED))
            .withVerdicts(DENIED),
        allow(
                "replicationcontroller attested",
                ReviewBuilder.replicationController().container("app", ATTESTED))
            .withVerdicts(ALLOWED),
        deny(
                "extensions deployment unattested",
                ReviewBuilder.of("extensions", "v1beta1", "Deployment", "deployments")
                    .container("app", UNATTESTED))
            .withVerdicts(DENIED),
        allow(
                "configmap has no images",
                ReviewBuilder.of("", "v1", "ConfigMap", "configmaps"),
                DecisionReason.NO_IMAGES)
            .withVerdicts(),
        deny("owned pod judged alone", pod(UNATTESTED).ownedBy("ReplicaSet", "web-5d8f"))
            .withVerdicts(DENIED));
  }

  static Stream<Case> operations() {
    return Stream.of(
        deny("pod update unattested", pod(UNATTESTED).operation(Operation.UPDATE).withOldObject()),
        allow("pod update attested", pod(ATTESTED).operation(Operation.UPDATE).withOldObject()),
        allow(
                "pod delete admitted",
                pod(UNATTESTED).operation(Operation.DELETE),
                DecisionReason.OPERATION_NOT_CHECKED)
            .withVerdicts(),
        allow(
            "pod exec connect admitted",
            pod(UNATTESTED).operation(Operation.CONNECT).subResource("exec"),
            DecisionReason.OPERATION_NOT_CHECKED),
        allow(
            "deployment delete admitted",
            ReviewBuilder.deployment().container("app", UNATTESTED).operation(Operation.DELETE),
            DecisionReason.OPERATION_NOT_CHECKED),
        deny(
            "deployment update unattested",
            ReviewBuilder.deployment()
                .container("app", UNATTESTED)
                .operation(Operation.UPDATE)
                .oldContainer("containers", "app", ATTESTED)));
  }

  static Stream<Case> containerTypes() {
    String init = image("init", NONE);
    String debug = image("debug", NONE);
    return Stream.of(
        deny("init container unattested", pod(ATTESTED).initContainer("init", init))
            .withMessage(NOT_SIGNED + init)
            .withVerdicts(ALLOWED, DENIED),
        deny("ephemeral container on create", pod(ATTESTED).ephemeralContainer("debug", debug))
            .withMessage(NOT_SIGNED + debug)
            .withVerdicts(ALLOWED, DENIED),
        deny("two offending images named", pod(UNATTESTED).container("side", TAG_ONLY))
            .withMessage(
                NOT_SIGNED
                    + UNATTESTED
                    + ". Missing attestations from: build, qa.; "
                    + noDigest(TAG_ONLY))
            .withVerdicts(DENIED, DENIED),
        deny("repeated image named once", pod(UNATTESTED).container("copy", UNATTESTED))
            .withMessage(NOT_SIGNED + UNATTESTED + ". Missing attestations from: build, qa.")
            .withVerdicts(DENIED, DENIED),
        deny(
                "new ephemeral unattested",
                ephemeralUpdate()
                    .oldContainer("containers", "app", ATTESTED)
                    .ephemeralContainer("debug", debug))
            .withMessage(NOT_SIGNED + debug)
            .withVerdicts(DENIED),
        allow(
                "new ephemeral attested",
                ephemeralUpdate()
                    .oldContainer("containers", "app", UNATTESTED)
                    .ephemeralContainer("debug", image("debug", BUILD_QA)))
            .withVerdicts(ALLOWED),
        allow(
                "ephemeral update adds nothing",
                ephemeralUpdate()
                    .oldContainer("ephemeralContainers", "debug", debug)
                    .ephemeralContainer("debug", debug),
                DecisionReason.NO_IMAGES)
            .withVerdicts(),
        deny(
                "second ephemeral only checked",
                ephemeralUpdate()
                    .oldContainer("ephemeralContainers", "debug", image("debug", BUILD_QA))
                    .ephemeralContainer("debug", image("debug", BUILD_QA))
                    .ephemeralContainer("debug2", debug))
            .withVerdicts(DENIED),
        allow(
                "status update runs nothing",
                pod(UNATTESTED).operation(Operation.UPDATE).subResource("status").withOldObject(),
                DecisionReason.NO_IMAGES)
            .withVerdicts());
  }

  private static ReviewBuilder ephemeralUpdate() {
    return ReviewBuilder.pod()
        .container("app", UNATTESTED)
        .operation(Operation.UPDATE)
        .subResource("ephemeralcontainers");
  }

  static Stream<Case> modes() {
    return Stream.of(
        allow("always allow by digest", pod("sandbox", UNATTESTED))
            .withMessage("all")
            .withVerdicts(ALLOWED),
        deny("always allow tag only", pod("sandbox", TAG_ONLY)).withMessage(noDigest(TAG_ONLY)),
        deny("always deny attested image", pod("locked", image("app", ALL_THREE)))
            .withMessage("is denied by rule namespaces.locked (ALWAYS_DENY)"),
        allow("always deny allowlisted image", pod("locked", "registry.k8s.io/pause:3.9"))
            .withVerdicts(ALLOWED),
        allow("two of three attested", pod("payments", ATTESTED)),
        deny("one of three attested", pod("payments", image("app", BUILD_ONLY)))
            .withMessage("Needs 2 of build, qa, security; attested by: build."),
        allow("three of three attested", pod("payments", image("app", ALL_THREE))),
        allow("qa and security attested", pod("payments", image("app", QA_SECURITY))),
        deny("unlisted attestor ignored", pod("payments", image("app", BUILD_ROGUE)))
            .withMessage("attested by: build."),
        deny("default rule needs build", pod(image("app", QA_SECURITY)))
            .withMessage("Missing attestations from: build."),
        deny("unknown digest in k-of-n", pod("payments", UNATTESTED))
            .withMessage("attested by: none."));
  }

  static Stream<Case> allowlists() {
    return Stream.of(
        allow("pause tag allowlisted", pod("registry.k8s.io/pause:3.9")).withVerdicts(ALLOWED),
        allow("star within one segment", pod("localhost:5000/base/alpine:3.20")),
        deny("star not across segments", pod("localhost:5000/base/team/alpine:3.20"))
            .withMessage(noDigest("localhost:5000/base/team/alpine:3.20")),
        allow("double star any depth", pod("ghcr.io/acme/team/app:1")),
        deny("double star other org", pod("ghcr.io/other/app:1")),
        allow("pattern host case", pod("quay.io/acme/app:1")),
        allow("image host uppercase", pod("QUAY.IO/acme/app:1")),
        allow("docker short name", pod("nginx:1.27")),
        allow("docker full name", pod("docker.io/library/nginx:1.27")),
        allow("docker legacy host", pod("index.docker.io/library/nginx:latest")),
        allow("bare short name", pod("nginx")),
        deny("similar name not matched", pod("nginx-unprivileged:1.27")),
        deny("docker namespace not library", pod("docker.io/acme/nginx:1.27")),
        allow("tag pattern exact tag", pod("busybox:1.36")),
        deny("tag pattern other tag", pod("busybox:latest")),
        deny("tag pattern unverified digest", pod("busybox:1.36@" + NONE)),
        allow("namespace allowlist applies", pod("tools", "ghcr.io/tools/linter:2")),
        deny("namespace allowlist elsewhere", pod("ghcr.io/tools/linter:2")),
        allow("allowlisted tag and digest", pod("nginx:1.27@" + NONE)));
  }

  static Stream<Case> breakglassValues() {
    return Stream.of(
        allow(
                "breakglass true admits",
                pod(UNATTESTED).annotation(BREAKGLASS, "true"),
                DecisionReason.BREAKGLASS)
            .withBreakglass()
            .withVerdicts(DENIED)
            .withWarning("the policy would deny: " + NOT_SIGNED + UNATTESTED),
        deny("breakglass True ignored", pod(UNATTESTED).annotation(BREAKGLASS, "True"))
            .withWarning("is \"True\", which does not break glass"),
        deny("breakglass false ignored", pod(UNATTESTED).annotation(BREAKGLASS, "false"))
            .withWarning("is \"false\", which does not break glass"),
        deny("breakglass empty ignored", pod(UNATTESTED).annotation(BREAKGLASS, ""))
            .withWarning("which does not break glass"),
        deny("breakglass absent", pod(UNATTESTED).annotation("team", "payments")),
        allow(
                "breakglass on deployment",
                ReviewBuilder.deployment()
                    .container("app", UNATTESTED)
                    .annotation(BREAKGLASS, "true"),
                DecisionReason.BREAKGLASS)
            .withBreakglass()
            .withWarning("breakglass"),
        deny(
            "breakglass on template only",
            ReviewBuilder.deployment()
                .container("app", UNATTESTED)
                .templateAnnotation(BREAKGLASS, "true")),
        allow(
                "breakglass attested pod",
                pod(ATTESTED).annotation(BREAKGLASS, "true"),
                DecisionReason.BREAKGLASS)
            .withBreakglass()
            .withVerdicts(ALLOWED)
            .withWarning("without enforcing the policy"),
        allow(
                "breakglass undecodable object",
                pod(UNATTESTED)
                    .object(
                        json(
                            """
                            {"metadata": {"annotations":
                              {"alpha.image-policy.k8s.io/break-glass": "true"}},
                             "spec": {"containers": "app"}}
                            """)),
                DecisionReason.BREAKGLASS)
            .withBreakglass()
            .withWarning("spec.containers is not a list"));
  }

  static Stream<Case> tagsAndDigests() {
    String tagAndAttested = "registry.example.com/team/app:1.0@" + BUILD_QA;
    String tagAndUnattested = "registry.example.com/team/app:1.0@" + NONE;
    return Stream.of(
        deny("tag only denied", pod(TAG_ONLY)).withMessage(noDigest(TAG_ONLY)).withVerdicts(DENIED),
        deny("no tag no digest", pod("registry.example.com/team/app"))
            .withMessage(noDigest("registry.example.com/team/app")),
        allow("tag plus digest attested", pod(tagAndAttested)).withVerdicts(ALLOWED),
        deny("tag plus digest unattested", pod(tagAndUnattested))
            .withMessage(NOT_SIGNED + tagAndUnattested),
        allow("port and digest attested", pod("127.0.0.1:5055/team/demo@" + BUILD_QA)),
        deny("port and tag denied", pod("127.0.0.1:5055/team/demo:v2"))
            .withMessage(noDigest("127.0.0.1:5055/team/demo:v2")),
        allow("localhost port attested", pod("localhost:5000/app@" + BUILD_QA)),
        deny("uppercase repository invalid", pod("registry.example.com/Team/app@" + BUILD_QA))
            .withMessage("image registry.example.com/Team/app@" + BUILD_QA + " is not a valid"),
        deny("short digest invalid", pod("registry.example.com/team/app@sha256:abc"))
            .withMessage("is not a valid image reference: ")
            .withVerdicts(DENIED));
  }

  static Stream<Case> exemptNamespaces() {
    return Stream.of(
        allow("kube-system exempt", pod("kube-system", TAG_ONLY), DecisionReason.EXEMPT_NAMESPACE)
            .withMessage("namespace kube-system is exempt")
            .withVerdicts(ALLOWED),
        allow(
            "service namespace exempt",
            pod("custos-system", UNATTESTED),
            DecisionReason.EXEMPT_NAMESPACE),
        deny("similar namespace not exempt", pod("kube-system-extra", UNATTESTED)),
        allow(
                "exempt invalid image",
                pod("kube-system", "registry.example.com/Team/app:1"),
                DecisionReason.EXEMPT_NAMESPACE)
            .withVerdicts(ALLOWED));
  }

  static Stream<Case> dryRuns() {
    return Stream.of(
        allow("dry run unattested", pod("staging", UNATTESTED), DecisionReason.DRY_RUN)
            .withVerdicts(DENIED)
            .withMessage("dry run: rule namespaces.staging would deny the request: " + NOT_SIGNED)
            .withWarning("dry run: rule namespaces.staging would deny"),
        allow("dry run attested", pod("staging", ATTESTED)).withVerdicts(ALLOWED),
        allow("dry run tag only", pod("staging", TAG_ONLY), DecisionReason.DRY_RUN)
            .withWarning(noDigest(TAG_ONLY)),
        allow(
                "dry run undecodable object",
                pod("staging", UNATTESTED).object(json("{\"spec\": {\"containers\": {}}}")),
                DecisionReason.DRY_RUN)
            .withWarning("spec.containers is not a list"));
  }

  static Stream<Case> undecodableObjects() {
    return Stream.of(
        deny(
                "containers not a list",
                pod(UNATTESTED).object(json("{\"spec\": {\"containers\": \"app\"}}")),
                DecisionReason.OBJECT_UNDECODABLE)
            .withMessage("cannot decode the Pod object: spec.containers is not a list")
            .withVerdicts(),
        deny(
                "image field missing",
                pod(UNATTESTED).object(json("{\"spec\": {\"containers\": [{\"name\": \"a\"}]}}")),
                DecisionReason.OBJECT_UNDECODABLE)
            .withMessage("spec.containers[0].image is missing"),
        deny(
                "image not a string",
                pod(UNATTESTED).object(json("{\"spec\": {\"initContainers\": [{\"image\": 42}]}}")),
                DecisionReason.OBJECT_UNDECODABLE)
            .withMessage("spec.initContainers[0].image is not a non-empty string"),
        deny(
                "object missing on create",
                pod(UNATTESTED).withoutObject(),
                DecisionReason.OBJECT_UNDECODABLE)
            .withMessage("the request has no object to check"),
        deny(
                "deployment template missing",
                ReviewBuilder.deployment().object(json("{\"spec\": {\"replicas\": 1}}")),
                DecisionReason.OBJECT_UNDECODABLE)
            .withMessage("cannot decode the Deployment object: spec.template.spec is missing"),
        deny(
                "object not json object",
                pod(UNATTESTED).object(json("[1, 2]")),
                DecisionReason.OBJECT_UNDECODABLE)
            .withMessage("the object is not a JSON object"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decides(Case c) {
    AdmissionRequest request = c.review().parse();

    AdmissionDecision decision = AdmissionDecider.decide(request, POLICY, LOOKUP);

    assertThat(decision.allowed()).as("allowed").isEqualTo(c.allowed());
    assertThat(decision.reason()).as("reason").isEqualTo(c.reason());
    assertThat(decision.breakglass()).as("breakglass").isEqualTo(c.breakglass());
    assertThat(decision.message()).as("message").isNotBlank();
    if (c.messagePart() != null) {
      assertThat(decision.message()).as("message").contains(c.messagePart());
    }
    if (c.verdicts() != null) {
      assertThat(decision.images()).extracting(ImageVerdict::verdict).isEqualTo(c.verdicts());
    }
    if (c.warningPart() == null) {
      assertThat(decision.warnings()).as("warnings").isEmpty();
    } else {
      assertThat(decision.warnings()).as("warnings").anyMatch(w -> w.contains(c.warningPart()));
    }
    assertThat(decision.policyRevision()).isEqualTo(POLICY.revision());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void producesValidEvent(Case c) {
    AdmissionRequest request = c.review().parse();
    AdmissionDecision decision = AdmissionDecider.decide(request, POLICY, LOOKUP);

    AdmissionDecided event = decision.toEvent(request);

    assertThat(event.requestUid()).isEqualTo(request.uid());
    assertThat(event.allowed()).isEqualTo(decision.allowed());
    assertThat(event.images()).hasSameSizeAs(decision.images());
    assertThat(event.enforcementMode()).isEqualTo(decision.enforcementMode());
  }
}
