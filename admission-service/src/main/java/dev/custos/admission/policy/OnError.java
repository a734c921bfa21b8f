package dev.custos.admission.policy;

/**
 * What a rule does with an image whose attestations could not be checked: the metadata-service
 * query failed, timed out or was shed, or the decision ran past its deadline.
 */
public enum OnError {
  /** The request is denied with the reason (fail closed), the default. */
  DENY,
  /**
   * The request is admitted with a warning (fail open), but only when no image was denied for a
   * definite reason, such as a missing digest or a rejected signature.
   */
  ALLOW
}
