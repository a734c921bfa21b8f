package dev.custos.metadata;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;
import java.util.Set;

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
   * SHA-256 hashes, as 64 lowercase hex digits, of the bearer tokens that the {@code /v1} API
   * accepts. Empty by default, which rejects every API request.
   */
  Optional<Set<String>> tokens();

  /**
   * Key of the HMAC-SHA256 that signs page tokens, in base64, at least 32 bytes. Every replica
   * needs the same key, so that a token from one continues on another and after a restart. Without
   * it, a random key is generated at startup.
   */
  Optional<String> pageTokenKey();

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
