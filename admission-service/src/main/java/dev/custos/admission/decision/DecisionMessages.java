package dev.custos.admission.decision;

import dev.custos.admission.policy.AllowPattern;
import java.util.List;

/** The wording of decision reasons and warnings, in one place. */
final class DecisionMessages {
  private DecisionMessages() {}

  static String invalidReference(String image, String error) {
    return "image " + image + " is not a valid image reference: " + error;
  }

  static String allowListed(String image, AllowPattern pattern) {
    return "image " + image + " matches allowlist pattern " + pattern;
  }

  static String noDigest(String image) {
    return "image " + image + " has no digest; reference it by digest";
  }

  static String alwaysAllowed(String ruleName) {
    return "rule " + ruleName + " allows every image by digest (ALWAYS_ALLOW)";
  }

  static String alwaysDenied(String image, String ruleName) {
    return "image " + image + " is denied by rule " + ruleName + " (ALWAYS_DENY)";
  }

  static String lookupFailed(String image, RuntimeException e) {
    String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return "attestation lookup failed for container image: " + image + " (" + detail + ")";
  }

  static String attested(List<String> attestors) {
    return "attested by " + String.join(", ", attestors);
  }

  static String notAttested(
      String image,
      List<String> required,
      int minimum,
      List<String> present,
      List<String> missing) {
    String head = "No matched signatures for container image: " + image + ". ";
    if (minimum == required.size()) {
      return head + "Missing attestations from: " + String.join(", ", missing) + ".";
    }
    String attestedBy = present.isEmpty() ? "none" : String.join(", ", present);
    return head
        + "Needs "
        + minimum
        + " of "
        + String.join(", ", required)
        + "; attested by: "
        + attestedBy
        + ".";
  }

  static String exempt(String namespace) {
    return "namespace " + namespace + " is exempt from the image policy";
  }

  static String breakglassIgnored(String annotation, String value) {
    return "annotation "
        + annotation
        + " is \""
        + value
        + "\", which does not break glass; only the exact value \"true\" does";
  }

  static String breakglassWarning(String annotation, String policyMessage) {
    String warning =
        "breakglass: admitted by annotation " + annotation + "=true without enforcing the policy";
    return policyMessage == null ? warning : warning + "; the policy would deny: " + policyMessage;
  }

  static String operationNotChecked(String operation) {
    return operation + " runs no image, so it is admitted";
  }

  static String noImages() {
    return "the request runs no new image";
  }

  static String undecodable(String kind, String error) {
    return "cannot decode the " + kind + " object: " + error;
  }

  static String allAllowed(int count, String ruleName) {
    return count == 1
        ? "the image is allowed by rule " + ruleName
        : "all " + count + " images are allowed by rule " + ruleName;
  }

  static String dryRun(String ruleName, String policyMessage) {
    return "dry run: rule " + ruleName + " would deny the request: " + policyMessage;
  }
}
