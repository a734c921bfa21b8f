package dev.custos.admission.policy;

import java.util.List;

/**
 * An attestor as the policy defines it, with its keys still as text. The verify package parses the
 * keys into its own {@code Attestor}.
 *
 * @param name the name that rules refer to
 * @param noteName the Grafeas note of its attestations, {@code projects/<project>/notes/<note>}
 * @param publicKeys its keys, at least one
 */
public record PolicyAttestor(String name, String noteName, List<PolicyKey> publicKeys) {

  public PolicyAttestor {
    publicKeys = List.copyOf(publicKeys);
  }
}
