package dev.custos.admission.fallback;

import dev.custos.admission.verify.Attestor;
import dev.custos.events.image.ImageReference;
import java.util.List;

/**
 * An image that the cache does not attest enough, with the attestors it lacks.
 *
 * @param image the image by digest, without a tag
 * @param attestors the required attestors whose attestation the cache does not hold
 */
public record Miss(ImageReference image, List<Attestor> attestors) {
  public Miss {
    attestors = List.copyOf(attestors);
  }
}
