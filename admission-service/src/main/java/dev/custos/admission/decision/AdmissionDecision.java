package dev.custos.admission.decision;

import dev.custos.admission.review.AdmissionRequest;
import dev.custos.events.admission.AdmissionDecided;
import dev.custos.events.admission.EnforcementMode;
import java.util.List;

/**
 * The outcome of one AdmissionReview request.
 *
 * @param allowed whether the response admits the request
 * @param reason why, as a fixed value
 * @param message the denial message naming every offending image, or a summary of the admission,
 *     never empty
 * @param images the verdict on every image the request runs, in the order of the object
 * @param warnings warnings for the response: breakglass, dry run, an ignored breakglass value
 * @param ruleName the rule that applied, {@code defaultRule} or {@code namespaces.<namespace>}
 * @param enforcementMode the enforcement mode of that rule
 * @param breakglass whether the breakglass annotation admitted the request
 * @param dryRun whether the request is a Kubernetes dry run, which the API server does not persist
 * @param policyRevision the revision of the policy that decided
 */
public record AdmissionDecision(
    boolean allowed,
    DecisionReason reason,
    String message,
    List<ImageVerdict> images,
    List<String> warnings,
    String ruleName,
    EnforcementMode enforcementMode,
    boolean breakglass,
    boolean dryRun,
    String policyRevision) {

  /** Placeholder for a field that the API server left empty, so that the event stays valid. */
  static final String UNKNOWN = "unknown";

  public AdmissionDecision {
    images = List.copyOf(images);
    warnings = List.copyOf(warnings);
  }

  /** Returns whether the policy denied an image or the object, whatever admitted the request. */
  public boolean policyDenied() {
    return reason == DecisionReason.POLICY_DENIED
        || reason == DecisionReason.OBJECT_UNDECODABLE
        || reason == DecisionReason.DRY_RUN
        || images.stream().anyMatch(ImageVerdict::denied);
  }

  /**
   * Returns the {@code admission.decisions} event for this decision on {@code request}. A missing
   * namespace, name or username becomes {@value #UNKNOWN}.
   */
  public AdmissionDecided toEvent(AdmissionRequest request) {
    return new AdmissionDecided(
        request.uid(),
        request.operation(),
        orUnknown(request.namespace()),
        request.kind().kind(),
        orUnknown(request.workloadName()),
        orUnknown(request.username()),
        images.stream().map(ImageVerdict::toImageDecision).toList(),
        allowed,
        message,
        policyRevision,
        enforcementMode,
        breakglass,
        dryRun);
  }

  private static String orUnknown(String value) {
    return value == null || value.isBlank() ? UNKNOWN : value;
  }
}
