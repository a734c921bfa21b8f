package dev.custos.admission.policy;

import dev.custos.admission.policy.PolicyDocument.AttestorDocument;
import dev.custos.admission.policy.PolicyDocument.PublicKeyDocument;
import dev.custos.admission.policy.PolicyDocument.RuleDocument;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates a {@link PolicyDocument} and builds the {@link Policy}. It collects every violation
 * before it fails, so one reload reports all the problems of a file.
 */
final class PolicyValidator {
  private static final Pattern NOTE_NAME = Pattern.compile("projects/[^/\\s]+/notes/[^/\\s]+");
  private static final Pattern ATTESTOR_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]*)?");

  /** A namespace name is an RFC 1123 DNS label: lowercase, digits and '-', at most 63 long. */
  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  private static final String OPENPGP_HEADER = "-----BEGIN PGP PUBLIC KEY BLOCK-----";
  private static final String PKIX_HEADER = "-----BEGIN PUBLIC KEY-----";

  private final PolicyDocument document;
  private final List<String> defaultExemptNamespaces;
  private final List<PolicyViolation> violations = new ArrayList<>();

  /** Names of every attestor entry, valid or not, so that one bad entry reports one violation. */
  private final Set<String> declaredAttestors = new HashSet<>();

  PolicyValidator(PolicyDocument document, List<String> defaultExemptNamespaces) {
    this.document = document;
    this.defaultExemptNamespaces = defaultExemptNamespaces;
  }

  Policy validate(String revision) throws InvalidPolicyException {
    Map<String, PolicyAttestor> attestors = attestors();
    List<AllowPattern> allowlist = allowlist(document.allowlist(), "allowlist");
    Set<String> exempt = exemptNamespaces();

    Rule defaultRule = null;
    if (document.defaultRule() == null) {
      violate(
          "defaultRule",
          "missing; add a rule with evaluationMode ALWAYS_ALLOW, ALWAYS_DENY or REQUIRE_ATTESTATION");
    } else {
      defaultRule = rule("defaultRule", document.defaultRule(), attestors);
    }
    Map<String, Rule> namespaceRules = namespaceRules(attestors, exempt);

    if (!violations.isEmpty()) {
      throw new InvalidPolicyException(violations);
    }
    return new Policy(revision, attestors, defaultRule, namespaceRules, allowlist, exempt);
  }

  private Map<String, PolicyAttestor> attestors() {
    Map<String, PolicyAttestor> attestors = new LinkedHashMap<>();
    List<AttestorDocument> documents = document.attestors();
    if (documents == null) {
      return attestors;
    }

    for (int i = 0; i < documents.size(); i++) {
      String path = "attestors[" + i + "]";
      AttestorDocument attestor = documents.get(i);
      if (attestor == null) {
        violate(path, "empty entry; give the attestor a name, a note and publicKeys");
        continue;
      }
      if (attestor.name() != null) {
        declaredAttestors.add(attestor.name());
      }
      PolicyAttestor validated = attestor(path, attestor);
      if (validated == null) {
        continue;
      }
      if (attestors.containsKey(validated.name())) {
        violate(path + ".name", "attestor \"" + validated.name() + "\" is defined twice");
        continue;
      }
      attestors.put(validated.name(), validated);
    }
    return attestors;
  }

  private PolicyAttestor attestor(String path, AttestorDocument attestor) {
    int before = violations.size();
    String name = attestor.name();
    if (name == null || name.isBlank()) {
      violate(path + ".name", "missing; give the attestor a name that rules can refer to");
    } else if (!ATTESTOR_NAME.matcher(name).matches()) {
      violate(
          path + ".name",
          "\"" + name + "\" is invalid; use letters, digits, '.', '_' and '-', e.g. qa-team");
    }

    String note = attestor.note();
    if (note == null || note.isBlank()) {
      violate(path + ".note", "missing; name the attestor's note, projects/<project>/notes/<note>");
    } else if (!NOTE_NAME.matcher(note).matches()) {
      violate(
          path + ".note",
          "\"" + note + "\" is not a note name; write projects/<project>/notes/<note>");
    }

    List<PolicyKey> keys = publicKeys(path + ".publicKeys", attestor.publicKeys());
    if (violations.size() > before) {
      return null;
    }
    return new PolicyAttestor(name, note, keys);
  }

  private List<PolicyKey> publicKeys(String path, List<PublicKeyDocument> documents) {
    List<PolicyKey> keys = new ArrayList<>();
    if (documents == null || documents.isEmpty()) {
      violate(path, "missing; list at least one armored OpenPGP or PEM public key");
      return keys;
    }

    Set<String> ids = new HashSet<>();
    for (int i = 0; i < documents.size(); i++) {
      String keyPath = path + "[" + i + "]";
      PublicKeyDocument key = documents.get(i);
      if (key == null) {
        violate(keyPath, "empty entry; give the key as key: <armored or PEM text>");
        continue;
      }
      if (key.id() != null && (key.id().isBlank() || !ids.add(key.id()))) {
        violate(keyPath + ".id", "key id \"" + key.id() + "\" is blank or used twice");
      }
      PolicyKey.Format format = keyFormat(keyPath + ".key", key.key());
      if (format != null) {
        keys.add(new PolicyKey(key.id(), key.key(), format));
      }
    }
    return keys;
  }

  private PolicyKey.Format keyFormat(String path, String text) {
    if (text == null || text.isBlank()) {
      violate(path, "missing; paste the armored OpenPGP or PEM public key");
      return null;
    }

    String trimmed = text.strip();
    if (trimmed.startsWith(OPENPGP_HEADER)) {
      return PolicyKey.Format.OPENPGP;
    }
    if (trimmed.startsWith(PKIX_HEADER)) {
      return PolicyKey.Format.PKIX;
    }
    if (trimmed.contains("PRIVATE KEY")) {
      violate(path, "is a private key; put only the public key in the policy, and rotate this one");
      return null;
    }
    violate(
        path,
        "is neither an armored OpenPGP public key ("
            + OPENPGP_HEADER
            + ") nor a PEM public key ("
            + PKIX_HEADER
            + "); export it with gpg --armor --export or openssl pkey -pubout");
    return null;
  }

  private Rule rule(String path, RuleDocument rule, Map<String, PolicyAttestor> attestors) {
    int before = violations.size();
    EvaluationMode mode = rule.evaluationMode();
    if (mode == null) {
      violate(
          path + ".evaluationMode",
          "missing; use ALWAYS_ALLOW, ALWAYS_DENY or REQUIRE_ATTESTATION");
    }
    PolicyEnforcementMode enforcement =
        rule.enforcementMode() == null
            ? PolicyEnforcementMode.ENFORCED_BLOCK_AND_AUDIT_LOG
            : rule.enforcementMode();
    List<AllowPattern> allowlist = allowlist(rule.allowlist(), path + ".allowlist");

    List<String> required = List.of();
    int minimum = 0;
    if (mode == EvaluationMode.REQUIRE_ATTESTATION) {
      required = requiredAttestors(path, rule.attestors(), attestors);
      minimum = minimum(path, rule.minimum(), required.size());
    } else if (mode != null) {
      rejectAttestationFields(path, rule, mode);
    }

    if (violations.size() > before) {
      return null;
    }
    OnError onError = rule.onError() == null ? OnError.DENY : rule.onError();
    return new Rule(path, mode, required, minimum, enforcement, allowlist, onError);
  }

  private List<String> requiredAttestors(
      String path, List<String> names, Map<String, PolicyAttestor> attestors) {
    if (names == null) {
      if (attestors.isEmpty()) {
        violate(
            path + ".attestors",
            "REQUIRE_ATTESTATION needs at least one attestor; define one under attestors");
      }
      return List.copyOf(attestors.keySet());
    }
    if (names.isEmpty()) {
      violate(
          path + ".attestors",
          "empty; list the attestors this rule requires, or leave the field out to require all");
      return List.of();
    }

    Set<String> required = new LinkedHashSet<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      String itemPath = path + ".attestors[" + i + "]";
      if (name == null || !declaredAttestors.contains(name)) {
        violate(itemPath, "attestor \"" + name + "\" is not defined in attestors");
      } else if (!required.add(name)) {
        violate(itemPath, "attestor \"" + name + "\" is listed twice");
      }
    }
    return List.copyOf(required);
  }

  private int minimum(String path, Integer minimum, int listed) {
    if (minimum == null) {
      return listed;
    }
    if (minimum < 1) {
      violate(path + ".minimum", minimum + " is less than 1; require at least one attestor");
    } else if (minimum > listed) {
      violate(
          path + ".minimum",
          minimum
              + " is greater than the "
              + listed
              + " attestors listed; lower it or list more attestors");
    }
    return minimum;
  }

  private void rejectAttestationFields(String path, RuleDocument rule, EvaluationMode mode) {
    if (rule.attestors() != null) {
      violate(
          path + ".attestors",
          "only REQUIRE_ATTESTATION takes attestors, and this rule is " + mode + "; remove it");
    }
    if (rule.minimum() != null) {
      violate(
          path + ".minimum",
          "only REQUIRE_ATTESTATION takes a minimum, and this rule is " + mode + "; remove it");
    }
    if (rule.onError() != null) {
      violate(
          path + ".onError",
          "only REQUIRE_ATTESTATION checks attestations and takes onError, and this rule is "
              + mode
              + "; remove it");
    }
  }

  private Map<String, Rule> namespaceRules(
      Map<String, PolicyAttestor> attestors, Set<String> exempt) {
    Map<String, Rule> rules = new LinkedHashMap<>();
    Map<String, RuleDocument> documents = document.namespaces();
    if (documents == null) {
      return rules;
    }

    for (Map.Entry<String, RuleDocument> entry : documents.entrySet()) {
      String namespace = entry.getKey();
      String path = "namespaces." + namespace;
      if (!NAMESPACE.matcher(namespace).matches()) {
        violate(path, "\"" + namespace + "\" is not a valid namespace name (RFC 1123 label)");
        continue;
      }
      if (exempt.contains(namespace)) {
        violate(
            path,
            "namespace \""
                + namespace
                + "\" is exempt, so this rule never applies; remove the rule or the exemption");
        continue;
      }
      if (entry.getValue() == null) {
        violate(path, "empty rule; give it an evaluationMode");
        continue;
      }
      Rule rule = rule(path, entry.getValue(), attestors);
      if (rule != null) {
        rules.put(namespace, rule);
      }
    }
    return rules;
  }

  private List<AllowPattern> allowlist(List<String> patterns, String path) {
    List<AllowPattern> compiled = new ArrayList<>();
    if (patterns == null) {
      return compiled;
    }

    for (int i = 0; i < patterns.size(); i++) {
      try {
        compiled.add(AllowPattern.compile(patterns.get(i)));
      } catch (IllegalArgumentException e) {
        violate(path + "[" + i + "]", e.getMessage());
      }
    }
    return compiled;
  }

  private Set<String> exemptNamespaces() {
    List<String> names = document.exemptNamespaces();
    if (names == null) {
      return Set.copyOf(defaultExemptNamespaces);
    }

    Set<String> exempt = new LinkedHashSet<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (name == null || !NAMESPACE.matcher(name).matches()) {
        violate(
            "exemptNamespaces[" + i + "]",
            "\"" + name + "\" is not a valid namespace name (RFC 1123 label)");
      } else {
        exempt.add(name);
      }
    }
    return exempt;
  }

  private void violate(String path, String message) {
    violations.add(new PolicyViolation(path, message));
  }
}
