package dev.custos.admission.policy;

import dev.custos.admission.verify.Attestor;
import dev.custos.admission.verify.AttestorKey;
import dev.custos.admission.verify.AttestorKeys;
import dev.custos.admission.verify.InvalidAttestorKeyException;
import dev.custos.admission.verify.OpenPgpAttestorKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A policy whose attestor keys have been parsed for verification. Instances are immutable and safe
 * to share between threads.
 *
 * @param policy the validated policy
 * @param attestors the verification form of each policy attestor, by name, in the order of the file
 */
public record LoadedPolicy(Policy policy, Map<String, Attestor> attestors) {

  public LoadedPolicy {
    attestors = Collections.unmodifiableMap(new LinkedHashMap<>(attestors));
  }

  public String revision() {
    return policy.revision();
  }

  /**
   * Parses the keys of every attestor of {@code policy}.
   *
   * @throws InvalidPolicyException listing every key that does not parse, with its field path such
   *     as {@code attestors[0].publicKeys[1].key}
   */
  public static LoadedPolicy of(Policy policy) throws InvalidPolicyException {
    Map<String, Attestor> attestors = new LinkedHashMap<>();
    List<PolicyViolation> violations = new ArrayList<>();
    int index = 0;
    for (PolicyAttestor attestor : policy.attestors().values()) {
      String path = "attestors[" + index + "]";
      Attestor parsed = toAttestor(path, attestor, violations);
      if (parsed != null) {
        attestors.put(attestor.name(), parsed);
      }
      index++;
    }

    if (!violations.isEmpty()) {
      throw new InvalidPolicyException(violations);
    }
    return new LoadedPolicy(policy, attestors);
  }

  private static Attestor toAttestor(
      String path, PolicyAttestor attestor, List<PolicyViolation> violations) {
    List<AttestorKey> keys = new ArrayList<>();
    int violationsBefore = violations.size();
    for (int i = 0; i < attestor.publicKeys().size(); i++) {
      String keyPath = path + ".publicKeys[" + i + "]";
      try {
        keys.addAll(parseKey(keyPath, attestor.name(), attestor.publicKeys().get(i), violations));
      } catch (InvalidAttestorKeyException e) {
        violations.add(new PolicyViolation(keyPath + ".key", e.getMessage()));
      }
    }
    if (violations.size() > violationsBefore) {
      return null;
    }

    try {
      return new Attestor(attestor.name(), attestor.noteName(), keys);
    } catch (IllegalArgumentException e) {
      violations.add(new PolicyViolation(path + ".publicKeys", e.getMessage()));
      return null;
    }
  }

  private static List<? extends AttestorKey> parseKey(
      String keyPath, String attestorName, PolicyKey key, List<PolicyViolation> violations) {
    if (key.format() == PolicyKey.Format.PKIX) {
      return List.of(AttestorKeys.parsePkix(attestorName, key.text(), key.id()));
    }

    List<OpenPgpAttestorKey> keys = AttestorKeys.parseOpenPgp(attestorName, key.text());
    // An OpenPGP key is named by its fingerprint, so an explicit id can only repeat it.
    if (key.id() != null
        && (keys.size() != 1 || !keys.get(0).id().equals(key.id().toUpperCase(Locale.ROOT)))) {
      violations.add(
          new PolicyViolation(
              keyPath + ".id",
              "an OpenPGP key is named by its fingerprint; remove the id or set it to the"
                  + " fingerprint of the one key in the block"));
      return List.of();
    }
    return keys;
  }
}
