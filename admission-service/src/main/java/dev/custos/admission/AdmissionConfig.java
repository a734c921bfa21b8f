package dev.custos.admission;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/** Settings of the admission service, under {@code custos.admission}. */
@ConfigMapping(prefix = "custos.admission")
public interface AdmissionConfig {

  /**
   * Time budget for deciding one AdmissionReview, as a duration such as {@code 2s} or {@code
   * 500ms}. Keep it below the {@code timeoutSeconds} of the webhook configuration (10 s unless
   * set).
   */
  @WithDefault("2s")
  Duration decisionDeadline();

  /** Path of the policy YAML file, usually a mounted ConfigMap. */
  @WithDefault("/etc/custos/policy.yaml")
  Path policyFile();

  /**
   * How often the policy file is read again to detect a change, as a duration. A ConfigMap mount
   * swaps a symlink, so the service compares the content, not only the modification time.
   */
  @WithDefault("2s")
  Duration policyReloadInterval();

  /**
   * The namespace the service runs in. Unless the policy lists its own exempt namespaces, requests
   * in this namespace and in {@code kube-system} are admitted without evaluation, so that the
   * webhook does not block its own pods.
   */
  @WithDefault("custos")
  String namespace();

  /**
   * How many decision and revocation events may wait for the Kafka producer. When the queue is
   * full, new events are dropped and counted, so that publishing never slows or fails an admission.
   */
  @WithDefault("10000")
  int decisionQueueCapacity();

  /**
   * Maximum number of admitted workloads whose attestations are recorded, so that deleting an
   * attestation can report them on {@code admission.revoked}. When full, the oldest record is
   * evicted and counted. The record is per replica and in memory only.
   */
  @WithDefault("100000")
  int admissionRecordMaxEntries();
}
