package dev.custos.admission.decision;

import dev.custos.events.image.ImageReference;
import java.util.Set;

/** Lookup of the attestors whose signatures have been verified for an image digest. */
@FunctionalInterface
public interface VerifiedAttestations {

  /**
   * Returns the names of the policy attestors whose signatures verified for {@code image}, or an
   * empty set when there are none. The decision calls it only for images whose reference has a
   * digest, and passes the reference without its tag, so the digest alone decides.
   *
   * <p>An exception from this method denies the image (fail closed).
   */
  Set<String> attestorsFor(ImageReference image);
}
