package dev.custos.events;

/** Kafka topic names of every Custos event, shared by producers, consumers and their tests. */
public final class Topics {
  /** Image pushes normalized from registry webhooks, keyed by image digest. */
  public static final String REGISTRY_PUSHES = "registry.pushes";

  /** Every Grafeas occurrence change, keyed by occurrence name and compacted. */
  public static final String METADATA_OCCURRENCES = "metadata.occurrences";

  /**
   * Changes to ATTESTATION and DSSE_ATTESTATION occurrences only, keyed by occurrence name and
   * compacted, so that a consumer of attestations can replay far fewer records.
   */
  public static final String METADATA_ATTESTATIONS = "metadata.attestations";

  /** Signing outcomes (signed or refused), keyed by image digest. */
  public static final String SIGNER_OUTCOMES = "signer.outcomes";

  /** Admission decisions, keyed by {@code namespace/name} of the workload. */
  public static final String ADMISSION_DECISIONS = "admission.decisions";

  /** Admitted workloads whose attestation was later deleted, keyed by {@code namespace/name}. */
  public static final String ADMISSION_REVOKED = "admission.revoked";

  /** Entries appended to the audit log and its signed checkpoints. */
  public static final String AUDIT_LOG = "audit.log";

  private static final String DEAD_LETTER_SUFFIX = ".dlq";

  private Topics() {}

  /**
   * Returns the dead-letter topic of {@code topic}, which is {@code <topic>.dlq}.
   *
   * @throws IllegalArgumentException if {@code topic} is blank or already a dead-letter topic
   */
  public static String deadLetter(String topic) {
    Require.text(topic, "topic");
    if (topic.endsWith(DEAD_LETTER_SUFFIX)) {
      throw new IllegalArgumentException(
          "topic " + topic + " is already a dead-letter topic; pass the source topic instead");
    }

    return topic + DEAD_LETTER_SUFFIX;
  }
}
