package dev.custos.metadata;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Settings of the metadata service, under {@code custos.metadata}. */
@ConfigMapping(prefix = "custos.metadata")
public interface MetadataConfig {

  /** Number of entries in a page of a list call whose request gives no {@code page_size}. */
  @WithDefault("100")
  int pageSizeDefault();

  /** Maximum number of entries in one page of a list call. */
  @WithDefault("1000")
  int pageSizeMax();

  /**
   * The callers of the API by name, each with its token hashes and grants. None by default, which
   * rejects every API request.
   */
  Map<String, PrincipalSettings> principals();

  /** One principal, under {@code custos.metadata.principals.<name>}. */
  interface PrincipalSettings {

    /**
     * SHA-256 hashes, as 64 hex digits, of the principal's bearer tokens. More than one lets an
     * operator rotate a token without downtime.
     */
    List<String> tokenSha256();

    /**
     * Grants, each {@code <role or permission>@<project pattern>}, such as {@code writer@team-a}.
     * None by default, so the principal is authenticated but may do nothing.
     */
    Optional<List<String>> grants();
  }

  /**
   * Key of the HMAC-SHA256 that signs page tokens, in base64, at least 32 bytes. Every replica
   * needs the same key, so that a token from one continues on another and after a restart. Without
   * it, a random key is generated at startup.
   */
  Optional<String> pageTokenKey();

  /**
   * Maximum size in bytes of an occurrence's event, the compact JSON of the {@code
   * OccurrenceCreated}, {@code OccurrenceUpdated} or {@code OccurrenceDeleted} record that the
   * relay publishes as one Kafka record value. A create, batch item or update whose event would be
   * larger is 400 and stores nothing. It must stay below the producer's {@code max.request.size}
   * (Kafka's default 1048576) minus {@link #RECORD_OVERHEAD_BYTES}, or the relay could not publish
   * the row.
   */
  @WithDefault("900000")
  int maxOccurrenceBytes();

  /**
   * Bytes of a Kafka request reserved for everything but the event: the key (the occurrence name),
   * the CloudEvents headers and the record and batch framing. An estimate: with ids of at most 128
   * characters these take well under 2 KiB, so 16 KiB leaves a wide margin.
   */
  int RECORD_OVERHEAD_BYTES = 16384;

  /** Settings of the relay that publishes outbox rows to Kafka. */
  Outbox outbox();

  /** Settings of the outbox relay, under {@code custos.metadata.outbox}. */
  interface Outbox {

    /**
     * Whether this replica runs the relay. Turning it off on every replica leaves the outbox
     * unpublished, so it is meant for tests and maintenance.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * Time in milliseconds between checks for rows that no local write announced, such as rows of
     * another replica or rows left by a crash. A local write wakes the relay at once.
     */
    @WithDefault("500")
    long pollIntervalMs();

    /** Maximum number of rows that the relay publishes and marks in one transaction. */
    @WithDefault("100")
    int batchSize();

    /** Wait in milliseconds before the first retry after a failed publish. */
    @WithDefault("200")
    long retryBackoffMs();

    /** Maximum wait in milliseconds between retries. The wait doubles after each failure. */
    @WithDefault("10000")
    long retryBackoffMaxMs();

    /**
     * Time in milliseconds that the relay waits for the broker to acknowledge every record of a
     * batch before it counts the attempt as failed. Also the producer's {@code delivery.timeout.ms}
     * and {@code max.block.ms}.
     */
    @WithDefault("10000")
    long publishTimeoutMs();
  }
}
