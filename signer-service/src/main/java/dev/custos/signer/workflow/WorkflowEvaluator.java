package dev.custos.signer.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custos.events.signer.RefusalReason;
import dev.custos.signer.workflow.GrafeasOccurrences.VulnerabilityFinding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a workflow rule signs a digest, from the digest's occurrences and the time since
 * its push. A pure function: the caller fetches the occurrences and acts on the decision.
 *
 * <p>The checks, in order:
 *
 * <ol>
 *   <li>Discovery, when the rule requires it. A DISCOVERY occurrence with {@code FINISHED_FAILED}
 *       or {@code FINISHED_UNSUPPORTED} refuses, even next to one that finished with success,
 *       because the vulnerability occurrences may then be incomplete. Otherwise one with {@code
 *       FINISHED_SUCCESS} (or its alias {@code COMPLETE}) lets the rule decide. Without a finished
 *       scan the rule waits until {@code maxDiscoveryWait} after the push, and refuses after that.
 *       While it waits, nothing else is decided, so partial scan results never refuse.
 *   <li>Build, when the rule requires it: a BUILD occurrence must exist.
 *   <li>Vulnerabilities: each VULNERABILITY occurrence against the rule's {@link
 *       VulnerabilityPolicy}.
 * </ol>
 *
 * <p>A refusal lists every failed check, not just the first, and repeats no reason.
 */
public final class WorkflowEvaluator {
  private WorkflowEvaluator() {}

  /**
   * Evaluates {@code rule} for one digest.
   *
   * @param occurrences every occurrence whose resource URI is the digest's, as Grafeas v1 REST JSON
   *     objects. The caller selects them, because this method does not check {@code resourceUri}
   * @param sincePush time since the push. A negative value, from clock skew, counts as zero
   * @throws IllegalArgumentException when an element of {@code occurrences} is not a JSON object
   */
  public static WorkflowDecision evaluate(
      WorkflowRule rule, List<JsonNode> occurrences, Duration sincePush) {
    validateOccurrences(occurrences);

    Set<RefusalReason> reasons = new LinkedHashSet<>();
    if (rule.requireDiscovery()) {
      Optional<WorkflowDecision> wait = checkDiscovery(rule, occurrences, sincePush, reasons);
      if (wait.isPresent()) {
        return wait.get();
      }
    }
    if (rule.requireBuild()) {
      checkBuild(occurrences, reasons);
    }
    checkVulnerabilities(rule.vulnerabilityPolicy(), occurrences, reasons);

    return reasons.isEmpty()
        ? WorkflowDecision.sign()
        : WorkflowDecision.refuse(List.copyOf(reasons));
  }

  /** Returns a WAIT decision while the scan may still finish, and adds reasons otherwise. */
  private static Optional<WorkflowDecision> checkDiscovery(
      WorkflowRule rule,
      List<JsonNode> occurrences,
      Duration sincePush,
      Set<RefusalReason> reasons) {
    List<JsonNode> discoveries = ofKind(occurrences, GrafeasOccurrences.DISCOVERY);
    boolean terminalFailure = false;
    for (JsonNode discovery : discoveries) {
      String status = GrafeasOccurrences.analysisStatus(discovery);
      if ("FINISHED_FAILED".equals(status)) {
        reasons.add(scanFailed(discovery));
        terminalFailure = true;
      } else if ("FINISHED_UNSUPPORTED".equals(status)) {
        reasons.add(
            new RefusalReason(
                RefusalCodes.SCAN_UNSUPPORTED,
                "the scanner does not support this image (discovery status FINISHED_UNSUPPORTED)"));
        terminalFailure = true;
      }
    }
    if (terminalFailure || discoveries.stream().anyMatch(WorkflowEvaluator::isFinishedSuccess)) {
      return Optional.empty();
    }

    Duration elapsed = sincePush.isNegative() ? Duration.ZERO : sincePush;
    Duration maxWait = rule.maxDiscoveryWait();
    if (elapsed.compareTo(maxWait) < 0) {
      return Optional.of(WorkflowDecision.waitFor(maxWait.minus(elapsed)));
    }
    reasons.add(
        new RefusalReason(
            RefusalCodes.SCAN_TIMED_OUT,
            "scan did not finish within " + maxWait + " (" + lastStatuses(discoveries) + ")"));
    return Optional.empty();
  }

  private static boolean isFinishedSuccess(JsonNode discovery) {
    String status = GrafeasOccurrences.analysisStatus(discovery);
    return "FINISHED_SUCCESS".equals(status) || "COMPLETE".equals(status);
  }

  private static RefusalReason scanFailed(JsonNode discovery) {
    String error = GrafeasOccurrences.analysisError(discovery);
    String message = "scan failed (discovery status FINISHED_FAILED)";
    if (error != null) {
      message += ": " + error;
    }
    return new RefusalReason(RefusalCodes.SCAN_FAILED, message);
  }

  private static String lastStatuses(List<JsonNode> discoveries) {
    if (discoveries.isEmpty()) {
      return "no DISCOVERY occurrence";
    }

    Set<String> statuses = new LinkedHashSet<>();
    for (JsonNode discovery : discoveries) {
      String status = GrafeasOccurrences.analysisStatus(discovery);
      statuses.add(status == null ? "ANALYSIS_STATUS_UNSPECIFIED" : status);
    }
    return "discovery status " + String.join(", ", statuses);
  }

  private static void checkBuild(List<JsonNode> occurrences, Set<RefusalReason> reasons) {
    if (ofKind(occurrences, GrafeasOccurrences.BUILD).isEmpty()) {
      reasons.add(
          new RefusalReason(
              RefusalCodes.BUILD_MISSING,
              "no BUILD occurrence records how this digest was built, and the rule requires one"));
    }
  }

  private static void checkVulnerabilities(
      VulnerabilityPolicy policy, List<JsonNode> occurrences, Set<RefusalReason> reasons) {
    for (JsonNode occurrence : ofKind(occurrences, GrafeasOccurrences.VULNERABILITY)) {
      VulnerabilityFinding finding = GrafeasOccurrences.vulnerability(occurrence);
      checkVulnerability(policy, finding).ifPresent(reasons::add);
    }
  }

  /** Applies the lists first, then the limit for the finding's fixability. */
  private static Optional<RefusalReason> checkVulnerability(
      VulnerabilityPolicy policy, VulnerabilityFinding finding) {
    if (policy.isAllowed(finding.id())) {
      return Optional.empty();
    }
    if (policy.isBlocked(finding.id())) {
      return Optional.of(
          new RefusalReason(
              RefusalCodes.VULNERABILITY_BLOCKED,
              finding.describe() + ", and the rule's block list contains it"));
    }

    SeverityLimit limit = policy.limitFor(finding.fixable());
    Optional<Severity> severity = finding.severity();
    if (severity.isEmpty()) {
      if (policy.ignoreMissingSeverity() || limit.allowsWorst()) {
        return Optional.empty();
      }
      return Optional.of(
          new RefusalReason(
              RefusalCodes.VULNERABILITY_SEVERITY_MISSING,
              finding.describe()
                  + ", so it counts as the worst severity, "
                  + limitPhrase(limit, finding)));
    }
    if (limit.allows(severity.get())) {
      return Optional.empty();
    }
    return Optional.of(
        new RefusalReason(
            RefusalCodes.VULNERABILITY_ABOVE_THRESHOLD,
            finding.describe() + ", " + limitPhrase(limit, finding)));
  }

  private static String limitPhrase(SeverityLimit limit, VulnerabilityFinding finding) {
    String fixability = finding.fixable() ? "fixable" : "unfixable";
    if (limit == SeverityLimit.BLOCK_ALL) {
      return "and the rule blocks every " + fixability + " vulnerability (BLOCK_ALL)";
    }
    return "above the maximum " + limit + " for " + fixability + " vulnerabilities";
  }

  private static List<JsonNode> ofKind(List<JsonNode> occurrences, String kind) {
    List<JsonNode> matching = new ArrayList<>();
    for (JsonNode occurrence : occurrences) {
      if (GrafeasOccurrences.isKind(occurrence, kind)) {
        matching.add(occurrence);
      }
    }
    return matching;
  }

  private static void validateOccurrences(List<JsonNode> occurrences) {
    for (int i = 0; i < occurrences.size(); i++) {
      JsonNode occurrence = occurrences.get(i);
      if (occurrence == null || !occurrence.isObject()) {
        throw new IllegalArgumentException(
            "occurrences["
                + i
                + "] must be a JSON object, but is "
                + (occurrence == null ? "null" : occurrence.getNodeType()));
      }
    }
  }
}
