package dev.custos.signer.workflow;

import dev.custos.events.image.ImageReference;
import dev.custos.events.signer.RefusalReason;
import dev.custos.events.signer.SigningRefused;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Result of evaluating one workflow rule for one digest.
 *
 * @param outcome whether to sign, wait or refuse
 * @param reasons why signing is refused, in the order discovery, build, vulnerabilities. Empty
 *     unless the outcome is {@link Outcome#REFUSE}
 * @param remainingWait how much longer the rule waits for a scan. Zero unless the outcome is {@link
 *     Outcome#WAIT}
 */
public record WorkflowDecision(
    Outcome outcome, List<RefusalReason> reasons, Duration remainingWait) {

  /** Action that the workflow takes for the digest. */
  public enum Outcome {
    /** Every precondition holds: sign and create the attestation. */
    SIGN(Reevaluation.NEVER),
    /** A required scan has not finished and the maximum wait has not passed. */
    WAIT(Reevaluation.ON_NEW_METADATA_OR_WAIT_END),
    /** A precondition failed: publish the refusal with its reasons. */
    REFUSE(Reevaluation.ON_NEW_METADATA);

    private final Reevaluation reevaluation;

    Outcome(Reevaluation reevaluation) {
      this.reevaluation = reevaluation;
    }

    /** Returns when the runner evaluates the rule again for a digest with this outcome. */
    public Reevaluation reevaluation() {
      return reevaluation;
    }
  }

  /**
   * Events after which the rule is evaluated again for the same digest. New metadata means an
   * occurrence created, updated or deleted for the digest's resource URI.
   */
  public enum Reevaluation {
    /** Signed: there is one attestation per (authority, digest), so nothing changes it. */
    NEVER,
    /** Refused: new metadata, such as a scan that finishes late, may turn it into a signature. */
    ON_NEW_METADATA,
    /** Waiting: new metadata, or the end of the wait, when a missing scan turns into a refusal. */
    ON_NEW_METADATA_OR_WAIT_END
  }

  public WorkflowDecision {
    Objects.requireNonNull(outcome, "outcome");
    reasons = List.copyOf(reasons);
    Objects.requireNonNull(remainingWait, "remainingWait");
    if ((outcome == Outcome.REFUSE) == reasons.isEmpty()) {
      throw new IllegalArgumentException("a refusal needs reasons, and only a refusal has them");
    }
  }

  public static WorkflowDecision sign() {
    return new WorkflowDecision(Outcome.SIGN, List.of(), Duration.ZERO);
  }

  public static WorkflowDecision waitFor(Duration remainingWait) {
    return new WorkflowDecision(Outcome.WAIT, List.of(), remainingWait);
  }

  public static WorkflowDecision refuse(List<RefusalReason> reasons) {
    return new WorkflowDecision(Outcome.REFUSE, reasons, Duration.ZERO);
  }

  /**
   * Builds the {@code signer.outcomes} event of a refusal of {@code image}.
   *
   * @throws IllegalStateException when the outcome is not {@link Outcome#REFUSE}
   * @throws IllegalArgumentException when {@code image} has no digest
   */
  public SigningRefused toSigningRefused(WorkflowRule rule, ImageReference image) {
    if (outcome != Outcome.REFUSE) {
      throw new IllegalStateException("the decision is " + outcome + ", not REFUSE");
    }
    if (!image.hasDigest()) {
      throw new IllegalArgumentException("image " + image + " has no digest");
    }
    return new SigningRefused(
        rule.authority(), image.digest().toString(), image.canonicalName(), reasons, rule.name());
  }
}
