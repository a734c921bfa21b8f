package dev.custos.admission.policy;

/**
 * One problem found in a policy document.
 *
 * @param path the field path, for example {@code namespaces.payments.attestors[1]}, or empty when
 *     the problem concerns the whole document
 * @param message what is wrong and how to fix it
 */
public record PolicyViolation(String path, String message) {

  /** Returns {@code path: message}, or the message alone when the path is empty. */
  @Override
  public String toString() {
    return path.isEmpty() ? message : path + ": " + message;
  }
}
