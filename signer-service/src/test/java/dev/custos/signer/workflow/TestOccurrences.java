package dev.custos.signer.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Grafeas v1 occurrences in the REST JSON shape, and rules to evaluate them with. */
final class TestOccurrences {
  static final String RESOURCE_URI =
      "https://registry.example.com/payments/api@sha256:"
          + "4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945";
  static final String AUTHORITY = "projects/custos/notes/release";

  private static final ObjectMapper JSON = new ObjectMapper();

  private TestOccurrences() {}

  /** Returns a VULNERABILITY occurrence on note {@code projects/goog-vulnz/notes/<id>}. */
  static ObjectNode vulnerability(String id) {
    ObjectNode occurrence = occurrence("VULNERABILITY", "projects/goog-vulnz/notes/" + id);
    occurrence.putObject("vulnerability");
    return occurrence;
  }

  /** Returns a vulnerability with {@code effectiveSeverity} and {@code fixAvailable}. */
  static ObjectNode vulnerability(String id, String effectiveSeverity, boolean fixable) {
    ObjectNode occurrence = vulnerability(id);
    ObjectNode details = (ObjectNode) occurrence.get("vulnerability");
    details.put("effectiveSeverity", effectiveSeverity);
    details.put("fixAvailable", fixable);
    return occurrence;
  }

  static ObjectNode discovery(String analysisStatus) {
    ObjectNode occurrence = occurrence("DISCOVERY", "projects/custos/notes/vulnerability-scan");
    ObjectNode details = occurrence.putObject("discovery");
    details.put("analysisStatus", analysisStatus);
    return occurrence;
  }

  static ObjectNode build() {
    ObjectNode occurrence = occurrence("BUILD", "projects/ci/notes/build");
    occurrence.putObject("build").putObject("provenance").put("id", "build-1");
    return occurrence;
  }

  static ObjectNode parse(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException("invalid test JSON: " + json, e);
    }
  }

  static WorkflowRule rule(VulnerabilityPolicy policy) {
    return new WorkflowRule(
        "payments",
        new RepositoryPattern("registry.example.com/payments/**"),
        AUTHORITY,
        "release-2026",
        policy,
        false,
        null,
        false);
  }

  static WorkflowRule ruleWithDiscovery(Duration maxWait) {
    return new WorkflowRule(
        "payments",
        new RepositoryPattern("registry.example.com/payments/**"),
        AUTHORITY,
        "release-2026",
        VulnerabilityPolicy.ALLOW_ALL,
        true,
        maxWait,
        false);
  }

  static WorkflowRule ruleWithBuild() {
    return new WorkflowRule(
        "payments",
        new RepositoryPattern("registry.example.com/payments/**"),
        AUTHORITY,
        "release-2026",
        VulnerabilityPolicy.ALLOW_ALL,
        false,
        null,
        true);
  }

  static VulnerabilityPolicy limits(SeverityLimit fixable, SeverityLimit unfixable) {
    return new VulnerabilityPolicy(fixable, unfixable, List.of(), List.of(), false);
  }

  private static ObjectNode occurrence(String kind, String noteName) {
    ObjectNode occurrence = JSON.createObjectNode();
    occurrence.put("name", "projects/custos/occurrences/" + kind.toLowerCase(Locale.ROOT));
    occurrence.put("resourceUri", RESOURCE_URI);
    occurrence.put("noteName", noteName);
    occurrence.put("kind", kind);
    return occurrence;
  }
}
