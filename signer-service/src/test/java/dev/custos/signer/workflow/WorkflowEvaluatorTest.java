package dev.custos.signer.workflow;

import static dev.custos.signer.workflow.TestOccurrences.build;
import static dev.custos.signer.workflow.TestOccurrences.discovery;
import static dev.custos.signer.workflow.TestOccurrences.parse;
import static dev.custos.signer.workflow.TestOccurrences.ruleWithBuild;
import static dev.custos.signer.workflow.TestOccurrences.ruleWithDiscovery;
import static dev.custos.signer.workflow.TestOccurrences.vulnerability;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.custos.events.image.ImageReference;
import dev.custos.events.signer.RefusalReason;
import dev.custos.events.signer.SigningRefused;
import dev.custos.signer.workflow.WorkflowDecision.Outcome;
import dev.custos.signer.workflow.WorkflowDecision.Reevaluation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkflowEvaluatorTest {
  private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

  /** Discovery status (or none) and time since the push, against a ten-minute wait. */
  @ParameterizedTest(name = "{0} after {1}")
  @CsvSource(
      nullValues = "-",
      textBlock =
          """
          -,                    PT0S,    WAIT,   -
          -,                    PT9M59S, WAIT,   -
          -,                    PT10M,   REFUSE, SCAN_TIMED_OUT
          -,                    PT1H,    REFUSE, SCAN_TIMED_OUT
          PENDING,              PT1M,    WAIT,   -
          SCANNING,             PT1M,    WAIT,   -
          SCANNING,             PT11M,   REFUSE, SCAN_TIMED_OUT
          ANALYSIS_STATUS_UNSPECIFIED, PT11M, REFUSE, SCAN_TIMED_OUT
          FINISHED_SUCCESS,     PT1M,    SIGN,   -
          FINISHED_SUCCESS,     PT2H,    SIGN,   -
          COMPLETE,             PT1M,    SIGN,   -
          FINISHED_FAILED,      PT1M,    REFUSE, SCAN_FAILED
          FINISHED_UNSUPPORTED, PT1M,    REFUSE, SCAN_UNSUPPORTED
          """)
  void discoveryStatusDecides(
      String status, Duration sincePush, Outcome outcome, String expectedCode) {
    List<JsonNode> occurrences = status == null ? List.of() : List.of(discovery(status));

    WorkflowDecision decision =
        WorkflowEvaluator.evaluate(ruleWithDiscovery(TEN_MINUTES), occurrences, sincePush);

    assertThat(decision.outcome()).isEqualTo(outcome);
    if (expectedCode == null) {
      assertThat(decision.reasons()).isEmpty();
    } else {
      assertThat(decision.reasons()).extracting(RefusalReason::code).containsExactly(expectedCode);
    }
  }

  @Test
  void waitReportsRemainingTime() {
    WorkflowDecision decision =
        WorkflowEvaluator.evaluate(
            ruleWithDiscovery(TEN_MINUTES), List.of(discovery("SCANNING")), Duration.ofMinutes(3));

    assertThat(decision.remainingWait()).isEqualTo(Duration.ofMinutes(7));
    assertThat(decision.outcome().reevaluation())
        .isEqualTo(Reevaluation.ON_NEW_METADATA_OR_WAIT_END);
  }

  @Test
  void negativeElapsedCountsAsZero() {
    WorkflowDecision decision =
        WorkflowEvaluator.evaluate(
            ruleWithDiscovery(TEN_MINUTES), List.of(), Duration.ofSeconds(-30));

    assertThat(decision.outcome()).isEqualTo(Outcome.WAIT);
    assertThat(decision.remainingWait()).isEqualTo(TEN_MINUTES);
  }

  @Test
  void timeoutMessageNamesWaitAndStatus() {
    WorkflowDecision decision =
        WorkflowEvaluator.evaluate(
            ruleWithDiscovery(TEN_MINUTES), List.of(discovery("SCANNING")), Duration.ofMinutes(12));

    assertThat(decision.reasons())
        .containsExactly(
            new RefusalReason(
                RefusalCodes.SCAN_TIMED_OUT,
                "scan did not finish within PT10M (discovery status SCANNING)"));
  }

  @Test
  void failedScanNamesScannerError() {
    ObjectNode failed = discovery("FINISHED_FAILED");
    ((ObjectNode) failed.get("discovery"))
        .putObject("analysisStatusError")
        .put("code", 13)
        .put("message", "layer sha256:abc could not be read");

    WorkflowDecision decision =
        WorkflowEvaluator.evaluate(ruleWithDiscovery(TEN_MINUTES), List.of(failed), Duration.ZERO);

    assertThat(decision.reasons())
        .containsExactly(
            new RefusalReason(
                RefusalCodes.SCAN_FAILED,
                "scan failed (discovery status FINISHED_FAILED): layer sha256:abc could not be"
                    + " read"));
  }

  @Test
  void failedScanWinsOverSuccess() {
    List<JsonNode> occurrences =
        List.of(discovery("FINISHED_SUCCESS"), discovery("FINISHED_FAILED"));

    WorkflowDecision decision =
        WorkflowEvaluator.evaluate(ruleWithDiscovery(TEN_MINUTES), occurrences, Duration.ZERO);

    assertThat(decision.outcome()).isEqualTo(Outcome.REFUSE);
    assertThat(decision.reasons()).extracting(RefusalReason::code).containsExactly("SCAN_FAILED");
  }

  @Test
  void waitHidesPartialVulnerabilities() {
    WorkflowRule rule = withPolicy(ruleWithDiscovery(TEN_MINUTES), SeverityLimit.BLOCK_ALL);
    List<JsonNode> occurrences =
        List.of(discovery("SCANNING"), vulnerability("CVE-2021-20305", "CRITICAL", true));

    WorkflowDecision decision =
        WorkflowEvaluator.evaluate(rule, occurrences, Duration.ofMinutes(1));

    assertThat(decision.outcome()).isEqualTo(Outcome.WAIT);
  }

  @Test
  void lateScanTurnsRefusalIntoSignature() {
    WorkflowRule rule = ruleWithDiscovery(TEN_MINUTES);
    List<JsonNode> occurrences = new ArrayList<>(List.of(discovery("SCANNING")));
    WorkflowDecision timedOut =
        WorkflowEvaluator.evaluate(rule, occurrences, Duration.ofMinutes(15));

    occurrences.set(0, discovery("FINISHED_SUCCESS"));
    WorkflowDecision afterScan =
        WorkflowEvaluator.evaluate(rule, occurrences, Duration.ofMinutes(20));

    assertThat(timedOut.outcome()).isEqualTo(Outcome.REFUSE);
    assertThat(timedOut.outcome().reevaluation()).isEqualTo(Reevaluation.ON_NEW_METADATA);
    assertThat(afterScan.outcome()).isEqualTo(Outcome.SIGN);
    assertThat(afterScan.outcome().reevaluation()).isEqualTo(Reevaluation.NEVER);
  }

  @Test
  void discoveryNotRequiredSignsAtOnce() {
    WorkflowRule rule = TestOccurrences.rule(VulnerabilityPolicy.ALLOW_ALL);

    WorkflowDecision decision = WorkflowEvaluator.evaluate(rule, List.of(), Duration.ZERO);

    assertThat(decision.outcome()).isEqualTo(Outcome.SIGN);
  }

  @Test
  void buildRequiredAndPresentSigns() {
    WorkflowDecision decision =
        WorkflowEvaluator.evaluate(ruleWithBuild(), List.of(build()), Duration.ZERO);

    assertThat(decision.outcome()).isEqualTo(Outcome.SIGN);
  }

  @Test
  void buildRequiredAndMissingRefuses() {
    WorkflowDecision decision =
        WorkflowEvaluator.evaluate(
            ruleWithBuild(), List.of(discovery("FINISHED_SUCCESS")), Duration.ZERO);

    assertThat(decision.outcome()).isEqualTo(Outcome.REFUSE);
    assertThat(decision.reasons()).extracting(RefusalReason::code).containsExactly("BUILD_MISSING");
  }

  @Test
  void buildWithoutKindIsRecognized() {
    JsonNode legacy = parse("{\"noteName\":\"projects/ci/notes/build\",\"build\":{}}");

    WorkflowDecision decision =
        WorkflowEvaluator.evaluate(ruleWithBuild(), List.of(legacy), Duration.ZERO);

    assertThat(decision.outcome()).isEqualTo(Outcome.SIGN);
  }

  @Test
  void buildNotRequiredSignsWithoutBuild() {
    WorkflowRule rule = TestOccurrences.rule(VulnerabilityPolicy.ALLOW_ALL);

    WorkflowDecision decision = WorkflowEvaluator.evaluate(rule, List.of(), Duration.ZERO);

    assertThat(decision.outcome()).isEqualTo(Outcome.SIGN);
  }

  @Test
  void refusalListsEveryFailedCheck() {
    WorkflowRule rule =
        new WorkflowRule(
            "payments",
            new RepositoryPattern("registry.example.com/payments/**"),
            TestOccurrences.AUTHORITY,
            "release-2026",
            TestOccurrences.limits(SeverityLimit.HIGH, SeverityLimit.HIGH),
            true,
            TEN_MINUTES,
            true);
    List<JsonNode> occurrences =
        List.of(discovery("PENDING"), vulnerability("CVE-2021-20305", "CRITICAL", false));

    WorkflowDecision decision = WorkflowEvaluator.evaluate(rule, occurrences, Duration.ofHours(1));

    assertThat(decision.reasons())
        .extracting(RefusalReason::code)
        .containsExactly("SCAN_TIMED_OUT", "BUILD_MISSING", "VULNERABILITY_ABOVE_THRESHOLD");
  }

  @Test
  void refusalMapsToSigningRefused() {
    WorkflowRule rule = ruleWithBuild();
    ImageReference image = ImageReference.parseResourceUri(TestOccurrences.RESOURCE_URI);
    WorkflowDecision decision = WorkflowEvaluator.evaluate(rule, List.of(), Duration.ZERO);

    SigningRefused event = decision.toSigningRefused(rule, image);

    assertThat(event.authority()).isEqualTo("projects/custos/notes/release");
    assertThat(event.digest()).isEqualTo(image.digest().toString());
    assertThat(event.repository()).isEqualTo("registry.example.com/payments/api");
    assertThat(event.workflowRule()).isEqualTo("payments");
    assertThat(event.reasons()).isEqualTo(decision.reasons());
  }

  @Test
  void signatureHasNoRefusalEvent() {
    WorkflowRule rule = TestOccurrences.rule(VulnerabilityPolicy.ALLOW_ALL);
    ImageReference image = ImageReference.parseResourceUri(TestOccurrences.RESOURCE_URI);
    WorkflowDecision decision = WorkflowEvaluator.evaluate(rule, List.of(), Duration.ZERO);

    assertThatThrownBy(() -> decision.toSigningRefused(rule, image))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("SIGN");
  }

  @Test
  void vulnerabilityWithoutDetailsCountsAsWorst() {
    JsonNode bare =
        parse("{\"kind\":\"VULNERABILITY\",\"noteName\":\"projects/x/notes/CVE-2021-20305\"}");
    WorkflowRule rule =
        TestOccurrences.rule(
            TestOccurrences.limits(SeverityLimit.CRITICAL, SeverityLimit.CRITICAL));

    WorkflowDecision decision = WorkflowEvaluator.evaluate(rule, List.of(bare), Duration.ZERO);

    assertThat(decision.reasons())
        .extracting(RefusalReason::code)
        .containsExactly("VULNERABILITY_SEVERITY_MISSING");
  }

  @Test
  void otherKindsAreNotJudged() {
    JsonNode packageOccurrence =
        parse("{\"kind\":\"PACKAGE\",\"noteName\":\"projects/x/notes/openssl\"}");
    WorkflowRule rule =
        TestOccurrences.rule(
            TestOccurrences.limits(SeverityLimit.BLOCK_ALL, SeverityLimit.BLOCK_ALL));

    WorkflowDecision decision =
        WorkflowEvaluator.evaluate(rule, List.of(packageOccurrence), Duration.ZERO);

    assertThat(decision.outcome()).isEqualTo(Outcome.SIGN);
  }

  @Test
  void nonObjectOccurrenceIsRejected() {
    WorkflowRule rule = TestOccurrences.rule(VulnerabilityPolicy.ALLOW_ALL);

    assertThatThrownBy(
            () -> WorkflowEvaluator.evaluate(rule, List.of(TextNode.valueOf("x")), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("occurrences[0]");
  }

  private static WorkflowRule withPolicy(WorkflowRule rule, SeverityLimit limit) {
    return new WorkflowRule(
        rule.name(),
        rule.repository(),
        rule.authority(),
        rule.keyName(),
        TestOccurrences.limits(limit, limit),
        rule.requireDiscovery(),
        rule.maxDiscoveryWait(),
        rule.requireBuild());
  }
}
