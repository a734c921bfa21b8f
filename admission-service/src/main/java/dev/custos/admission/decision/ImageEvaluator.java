package dev.custos.admission.decision;

import dev.custos.admission.policy.AllowPattern;
import dev.custos.admission.policy.Policy;
import dev.custos.admission.policy.Rule;
import dev.custos.admission.review.ContainerImage;
import dev.custos.events.admission.ImageDecision.Verdict;
import dev.custos.events.image.ImageReference;
import dev.custos.events.image.InvalidImageReferenceException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Judges one image under one rule: allow-list, digest, then the rule's evaluation mode. */
final class ImageEvaluator {
  private final Policy policy;
  private final Rule rule;
  private final VerifiedAttestations attestations;

  ImageEvaluator(Policy policy, Rule rule, VerifiedAttestations attestations) {
    this.policy = policy;
    this.rule = rule;
    this.attestations = attestations;
  }

  ImageVerdict evaluate(ContainerImage image) {
    ImageReference reference;
    try {
      reference = ImageReference.parse(image.image());
    } catch (InvalidImageReferenceException e) {
      return deny(image, null, DecisionMessages.invalidReference(image.image(), e.getMessage()));
    }

    Optional<AllowPattern> pattern = policy.findAllowPattern(reference, rule);
    if (pattern.isPresent()) {
      return allow(image, reference, DecisionMessages.allowListed(image.image(), pattern.get()));
    }
    if (!reference.hasDigest()) {
      return deny(image, reference, DecisionMessages.noDigest(image.image()));
    }

    switch (rule.evaluationMode()) {
      case ALWAYS_ALLOW:
        return allow(image, reference, DecisionMessages.alwaysAllowed(rule.name()));
      case ALWAYS_DENY:
        return deny(image, reference, DecisionMessages.alwaysDenied(image.image(), rule.name()));
      case REQUIRE_ATTESTATION:
      default:
        return requireAttestation(image, reference);
    }
  }

  private ImageVerdict requireAttestation(ContainerImage image, ImageReference reference) {
    ImageReference byDigest =
        new ImageReference(reference.registry(), reference.repository(), null, reference.digest());
    Set<String> found;
    try {
      found = attestations.attestorsFor(byDigest);
    } catch (RuntimeException e) {
      return deny(image, reference, DecisionMessages.lookupFailed(image.image(), e));
    }
    Set<String> attested = found == null ? Set.of() : found;

    List<String> required = rule.requiredAttestors();
    List<String> present = required.stream().filter(attested::contains).toList();
    if (present.size() >= rule.minimum()) {
      return allow(image, reference, DecisionMessages.attested(present));
    }
    List<String> missing = required.stream().filter(name -> !attested.contains(name)).toList();
    return deny(
        image,
        reference,
        DecisionMessages.notAttested(image.image(), required, rule.minimum(), present, missing));
  }

  private static ImageVerdict allow(ContainerImage image, ImageReference reference, String reason) {
    return new ImageVerdict(image, reference, Verdict.ALLOWED, reason);
  }

  private static ImageVerdict deny(ContainerImage image, ImageReference reference, String reason) {
    return new ImageVerdict(image, reference, Verdict.DENIED, reason);
  }
}
