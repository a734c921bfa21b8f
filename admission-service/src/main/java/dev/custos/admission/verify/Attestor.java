package dev.custos.admission.verify;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Authority whose attestations the policy trusts: a name, the Grafeas note its attestation
 * occurrences hang off, and its public keys.
 *
 * @param name the attestor's name in policy, used in messages
 * @param noteName the note's resource name, {@code projects/<project>/notes/<note>}
 * @param keys one or more public keys, several during a key rotation, with distinct ids
 */
public record Attestor(String name, String noteName, List<AttestorKey> keys) {
  private static final Pattern NOTE_NAME = Pattern.compile("projects/[^/\\s]+/notes/[^/\\s]+");

  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException if the name is blank, the note name is not {@code
   *     projects/<project>/notes/<note>}, or the keys are empty or share an id
   */
  public Attestor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(noteName, "noteName");
    keys = List.copyOf(keys);
    if (name.isBlank()) {
      throw new IllegalArgumentException("the attestor name is blank");
    }
    if (!NOTE_NAME.matcher(noteName).matches()) {
      throw new IllegalArgumentException(
          "invalid note name \""
              + noteName
              + "\" of attestor \""
              + name
              + "\": expected projects/<project>/notes/<note>");
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("attestor \"" + name + "\" has no public key");
    }
    rejectDuplicateIds(name, keys);
  }

  private static void rejectDuplicateIds(String name, List<AttestorKey> keys) {
    Set<String> ids = new HashSet<>();
    for (AttestorKey key : keys) {
      if (!ids.add(key.id())) {
        throw new IllegalArgumentException(
            "attestor \"" + name + "\" lists key id " + key.id() + " more than once");
      }
    }
  }
}
