package dev.custos.events.admission;

import dev.custos.events.Require;

/**
 * The policy's verdict on one container image of a workload.
 *
 * @param image the image reference as written in the pod spec
 * @param digest the manifest digest of the image, or {@code null} when the reference has only a tag
 * @param verdict whether the policy allows the image
 * @param reason why, for example {@code No matched signatures for container image: <image>}
 */
public record ImageDecision(String image, String digest, Verdict verdict, String reason) {

  /** The policy's verdict on one image, before the enforcement mode and breakglass apply. */
  public enum Verdict {
    ALLOWED,
    DENIED
  }

  public ImageDecision {
    Require.text(image, "image");
    Require.optionalDigest(digest, "digest");
    Require.present(verdict, "verdict");
    Require.text(reason, "reason");
  }
}
