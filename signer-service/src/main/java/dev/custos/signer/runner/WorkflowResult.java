package dev.custos.signer.runner;

import dev.custos.events.signer.RefusalReason;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What one run of a workflow for one digest did.
 *
 * @param status signed, refused or still waiting for a scan
 * @param attestationName the attestation that stands for the (authority, digest) pair when signed,
 *     or null
 * @param created whether this run created that attestation, false when it already existed
 * @param reasons why signing was refused, empty unless refused
 * @param remainingWait how much longer the rule waits for a scan, zero unless waiting
 */
public record WorkflowResult(
    Status status,
    String attestationName,
    boolean created,
    List<RefusalReason> reasons,
    Duration remainingWait) {

  /** Outcome of the run. */
  public enum Status {
    SIGNED,
    REFUSED,
    WAITING
  }

  public WorkflowResult {
    Objects.requireNonNull(status, "status");
    reasons = List.copyOf(reasons);
    Objects.requireNonNull(remainingWait, "remainingWait");
    if ((status == Status.SIGNED) == (attestationName == null)) {
      throw new IllegalArgumentException("a signed result, and only one, names its attestation");
    }
  }

  static WorkflowResult signed(String attestationName, boolean created) {
    return new WorkflowResult(Status.SIGNED, attestationName, created, List.of(), Duration.ZERO);
  }

  static WorkflowResult refused(List<RefusalReason> reasons) {
    return new WorkflowResult(Status.REFUSED, null, false, reasons, Duration.ZERO);
  }

  static WorkflowResult waiting(Duration remainingWait) {
    return new WorkflowResult(Status.WAITING, null, false, List.of(), remainingWait);
  }
}
