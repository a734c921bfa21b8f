package dev.custos.admission;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

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

  /**
   * How often the HTTPS certificate and key files are hashed to detect a renewal, as a duration.
   * The service reloads them only when their content changed.
   */
  @WithDefault("10s")
  Duration tlsReloadInterval();

  /** The query of the metadata service on a cache miss, under {@code custos.admission.metadata}. */
  Metadata metadata();

  /** Settings of the metadata-service query on a cache miss. */
  interface Metadata {
    /**
     * Base URL of the metadata service's Grafeas v1 REST API, such as {@code
     * https://custos-metadata:8081}. Without it, a cache miss is decided from the cache alone.
     */
    Optional<String> url();

    /** The bearer token sent with each query; at most one source may be set. */
    Token token();

    /** Time limit of one query, connection included. */
    @WithDefault("1s")
    Duration timeout();

    /** Maximum number of queries in flight; a query beyond it is shed, as a failed lookup. */
    @WithDefault("16")
    int maxConcurrentQueries();

    /** Maximum number of queries started per second; a query beyond it is shed. */
    @WithDefault("50")
    int maxQueriesPerSecond();

    /**
     * How long a query that found no verified attestation is remembered, so that the same miss does
     * not query again; {@code 0s} remembers nothing.
     */
    @WithDefault("10s")
    Duration negativeCacheTtl();

    /** Maximum number of remembered misses. */
    @WithDefault("10000")
    int negativeCacheMaxEntries();

    /** PEM certificates to trust for an {@code https} URL, instead of the JVM's trust store. */
    Optional<Path> trustCertificateFile();
  }

  /** The source of the bearer token for the metadata service. */
  interface Token {
    /** Name of an environment variable that contains the token. */
    Optional<String> env();

    /** Path of a file that contains the token, read again every minute. */
    Optional<Path> file();

    /** The token itself; prefer {@code env} or {@code file}, which keep it out of config files. */
    Optional<String> value();
  }
}
