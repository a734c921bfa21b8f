package dev.custos.admission.decision;

import dev.custos.admission.policy.Policy;
import dev.custos.admission.policy.Rule;
import dev.custos.admission.review.AdmissionRequest;
import dev.custos.admission.review.ContainerImage;
import dev.custos.events.admission.EnforcementMode;
import dev.custos.events.admission.ImageDecision.Verdict;
import dev.custos.events.admission.Operation;
import dev.custos.events.image.ImageReference;
import dev.custos.events.image.InvalidImageReferenceException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The admission decision as a pure function of the request, the policy and the verified
 * attestations. It reads no clock, file or network, so the same inputs and lookup results give the
 * same decision.
 *
 * <p>The order: an exempt namespace is admitted. The breakglass annotation with the exact value
 * {@code "true"} admits and flags. DELETE and CONNECT are admitted. An object that cannot be
 * decoded is denied. Otherwise {@link ImageEvaluator} judges each image. A rule in dry run admits
 * what it would deny, with a warning. A pod is judged on its own images, never on whether its owner
 * was admitted.
 */
public final class AdmissionDecider {
  /** The annotation that admits a workload without enforcing the policy, and flags the decision. */
  public static final String BREAKGLASS_ANNOTATION = "alpha.image-policy.k8s.io/break-glass";

  private static final String BREAKGLASS_VALUE = "true";

  private AdmissionDecider() {}

  /** Decides {@code request} under {@code policy}, asking {@code attestations} for digests. */
  public static AdmissionDecision decide(
      AdmissionRequest request, Policy policy, VerifiedAttestations attestations) {
    Rule rule = policy.ruleFor(request.namespace());
    Outcome outcome = new Outcome(request, policy, rule);

    if (policy.isExempt(request.namespace())) {
      return outcome.exempt();
    }

    String breakglass = request.annotations().get(BREAKGLASS_ANNOTATION);
    if (BREAKGLASS_VALUE.equals(breakglass)) {
      return outcome.breakglass(evaluate(request, policy, rule, attestations));
    }
    if (breakglass != null) {
      outcome.warn(DecisionMessages.breakglassIgnored(BREAKGLASS_ANNOTATION, breakglass));
    }

    if (request.operation() == Operation.DELETE || request.operation() == Operation.CONNECT) {
      return outcome.allow(
          DecisionReason.OPERATION_NOT_CHECKED,
          DecisionMessages.operationNotChecked(request.operation().name()),
          List.of());
    }
    if (!request.images().decoded()) {
      String message =
          DecisionMessages.undecodable(request.kind().kind(), request.images().decodeError());
      return outcome.deny(DecisionReason.OBJECT_UNDECODABLE, message, List.of());
    }

    List<ImageVerdict> verdicts = evaluate(request, policy, rule, attestations);
    if (verdicts.isEmpty()) {
      return outcome.allow(DecisionReason.NO_IMAGES, DecisionMessages.noImages(), verdicts);
    }
    String denial = denialMessage(verdicts);
    if (denial == null) {
      String message = DecisionMessages.allAllowed(verdicts.size(), rule.name());
      return outcome.allow(DecisionReason.POLICY_ALLOWED, message, verdicts);
    }
    return outcome.deny(DecisionReason.POLICY_DENIED, denial, verdicts);
  }

  private static List<ImageVerdict> evaluate(
      AdmissionRequest request, Policy policy, Rule rule, VerifiedAttestations attestations) {
    ImageEvaluator evaluator = new ImageEvaluator(policy, rule, attestations);
    List<ImageVerdict> verdicts = new ArrayList<>();
    for (ContainerImage image : request.images().images()) {
      verdicts.add(evaluator.evaluate(image));
    }
    return verdicts;
  }

  /** Returns the reasons of the denied images, each once, or null when none is denied. */
  private static String denialMessage(List<ImageVerdict> verdicts) {
    Set<String> reasons = new LinkedHashSet<>();
    for (ImageVerdict verdict : verdicts) {
      if (verdict.denied()) {
        reasons.add(verdict.reason());
      }
    }
    return reasons.isEmpty() ? null : String.join("; ", reasons);
  }

  /** Builds the decision for one request, collecting its warnings. */
  private static final class Outcome {
    private final AdmissionRequest request;
    private final Policy policy;
    private final Rule rule;
    private final List<String> warnings = new ArrayList<>();

    Outcome(AdmissionRequest request, Policy policy, Rule rule) {
      this.request = request;
      this.policy = policy;
      this.rule = rule;
    }

    void warn(String warning) {
      warnings.add(warning);
    }

    AdmissionDecision exempt() {
      String reason = DecisionMessages.exempt(request.namespace());
      List<ImageVerdict> verdicts = new ArrayList<>();
      for (ContainerImage image : request.images().images()) {
        verdicts.add(new ImageVerdict(image, parseOrNull(image.image()), Verdict.ALLOWED, reason));
      }
      return allow(DecisionReason.EXEMPT_NAMESPACE, reason, verdicts);
    }

    AdmissionDecision breakglass(List<ImageVerdict> verdicts) {
      String policyDenial = denialMessage(verdicts);
      if (policyDenial == null && !request.images().decoded()) {
        policyDenial =
            DecisionMessages.undecodable(request.kind().kind(), request.images().decodeError());
      }
      String warning = DecisionMessages.breakglassWarning(BREAKGLASS_ANNOTATION, policyDenial);
      warn(warning);
      return decision(true, DecisionReason.BREAKGLASS, warning, verdicts, true);
    }

    AdmissionDecision allow(DecisionReason reason, String message, List<ImageVerdict> verdicts) {
      return decision(true, reason, message, verdicts, false);
    }

    /** Denies, or admits with a warning when the rule is in dry run. */
    AdmissionDecision deny(DecisionReason reason, String message, List<ImageVerdict> verdicts) {
      if (enforcementMode() == EnforcementMode.DRY_RUN) {
        String warning = DecisionMessages.dryRun(rule.name(), message);
        warn(warning);
        return decision(true, DecisionReason.DRY_RUN, warning, verdicts, false);
      }
      return decision(false, reason, message, verdicts, false);
    }

    private AdmissionDecision decision(
        boolean allowed,
        DecisionReason reason,
        String message,
        List<ImageVerdict> verdicts,
        boolean breakglass) {
      return new AdmissionDecision(
          allowed,
          reason,
          message,
          verdicts,
          warnings,
          rule.name(),
          enforcementMode(),
          breakglass,
          request.dryRun(),
          policy.revision());
    }

    private EnforcementMode enforcementMode() {
      return rule.enforcementMode().eventMode();
    }
  }

  private static ImageReference parseOrNull(String image) {
    try {
      return ImageReference.parse(image);
    } catch (InvalidImageReferenceException e) {
      return null;
    }
  }
}
