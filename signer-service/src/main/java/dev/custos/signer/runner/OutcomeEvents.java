package dev.custos.signer.runner;

import dev.custos.events.image.ImageReference;
import dev.custos.events.signer.ImageSigned;
import dev.custos.events.signer.RefusalReason;
import dev.custos.events.signer.SigningRefused;
import dev.custos.signer.workflow.WorkflowRule;
import java.util.List;

/** Builds the {@code signer.outcomes} events of a workflow run and their CloudEvents ids. */
public final class OutcomeEvents {
  private OutcomeEvents() {}

  public static ImageSigned signed(WorkflowRule rule, ImageReference image, String attestation) {
    return new ImageSigned(
        rule.authority(),
        image.digest().toString(),
        image.canonicalName(),
        attestation,
        rule.name());
  }

  public static SigningRefused refused(
      WorkflowRule rule, ImageReference image, List<RefusalReason> reasons) {
    return new SigningRefused(
        rule.authority(), image.digest().toString(), image.canonicalName(), reasons, rule.name());
  }

  /** Returns the id of an {@code image.signed} event, the same for every run that finds it. */
  public static String signedId(ImageSigned signed) {
    return OutcomeIds.signed(
        signed.authority(), signed.digest(), signed.attestationOccurrenceName());
  }

  /**
   * Returns the id of a {@code signing.refused} event.
   *
   * @param trigger the {@code ce_id} of the event that caused the run, or another id of the request
   */
  public static String refusedId(SigningRefused refused, String trigger) {
    return OutcomeIds.refused(refused.authority(), refused.digest(), refused.reasons(), trigger);
  }
}
