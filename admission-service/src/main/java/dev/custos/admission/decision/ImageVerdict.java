package dev.custos.admission.decision;

import dev.custos.admission.review.ContainerImage;
import dev.custos.events.admission.ImageDecision;
import dev.custos.events.admission.ImageDecision.Verdict;
import dev.custos.events.image.ImageReference;

/**
 * The policy's verdict on one image, before the enforcement mode and breakglass apply.
 *
 * @param image the image and where the object lists it
 * @param reference the parsed reference, or null when the image does not parse
 * @param verdict whether the policy allows the image
 * @param reason why, for example {@code No matched signatures for container image: <image>}
 */
public record ImageVerdict(
    ContainerImage image, ImageReference reference, Verdict verdict, String reason) {

  public boolean denied() {
    return verdict == Verdict.DENIED;
  }

  /** Returns the verdict as the {@code admission.decisions} event records it. */
  public ImageDecision toImageDecision() {
    String digest =
        reference == null || !reference.hasDigest() ? null : reference.digest().toString();
    return new ImageDecision(image.image(), digest, verdict, reason);
  }
}
