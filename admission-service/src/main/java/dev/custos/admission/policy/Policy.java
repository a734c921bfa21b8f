package dev.custos.admission.policy;

import dev.custos.events.image.ImageReference;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A validated policy with its allow-list patterns compiled, ready for the decision. Instances are
 * immutable and safe to share between threads.
 *
 * @param revision the content hash of the YAML it was read from, {@code sha256:<hex>}
 * @param attestors attestors by name, in the order of the file
 * @param defaultRule the rule for namespaces without their own rule
 * @param namespaceRules rules by namespace name
 * @param allowlist the global allow-list, checked before any rule's own
 * @param exemptNamespaces namespaces whose requests are admitted without evaluation
 */
public record Policy(
    String revision,
    Map<String, PolicyAttestor> attestors,
    Rule defaultRule,
    Map<String, Rule> namespaceRules,
    List<AllowPattern> allowlist,
    Set<String> exemptNamespaces) {

  public Policy {
    attestors = Collections.unmodifiableMap(new LinkedHashMap<>(attestors));
    namespaceRules = Map.copyOf(namespaceRules);
    allowlist = List.copyOf(allowlist);
    exemptNamespaces = Set.copyOf(exemptNamespaces);
  }

  /** Returns the namespace's own rule, or the default rule when it has none. */
  public Rule ruleFor(String namespace) {
    if (namespace == null) {
      return defaultRule;
    }
    return namespaceRules.getOrDefault(namespace, defaultRule);
  }

  public boolean isExempt(String namespace) {
    return namespace != null && exemptNamespaces.contains(namespace);
  }

  /**
   * Returns the first pattern, global ones first and then the rule's, that matches {@code image},
   * or empty when none does.
   */
  public Optional<AllowPattern> findAllowPattern(ImageReference image, Rule rule) {
    for (AllowPattern pattern : allowlist) {
      if (pattern.matches(image)) {
        return Optional.of(pattern);
      }
    }
    for (AllowPattern pattern : rule.allowlist()) {
      if (pattern.matches(image)) {
        return Optional.of(pattern);
      }
    }
    return Optional.empty();
  }
}
