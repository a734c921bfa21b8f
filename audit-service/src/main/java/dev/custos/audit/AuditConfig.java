package dev.custos.audit;

import dev.custos.audit.api.TokenRole;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Settings of the audit service, under {@code custos.audit}. */
@ConfigMapping(prefix = "custos.audit")
public interface AuditConfig {

  /**
   * Origin line of the log's signed checkpoints (C2SP tlog-checkpoint), a schema-less URL that
   * names this log, such as {@code audit.example.com/prod}. Give each deployment its own, because
   * verifiers tell logs apart by origin.
   */
  @WithDefault("custos.example/audit")
  String logOrigin();

  /** Interval between two signed checkpoints, as a duration such as {@code 5s}. */
  @WithDefault("5s")
  Duration checkpointInterval();

  /**
   * File with the Ed25519 key that signs checkpoints: a note private key string, a PEM PKCS#8 key
   * or 32 raw bytes. Required in the prod profile. Without it, dev and test mode generate a key at
   * every start.
   */
  Optional<Path> signingKeyFile();

  /** Bearer tokens of the read API, by a name that only the configuration uses. */
  Map<String, Token> tokens();

  /** Consumption of the Custos topics into the log. */
  Ingest ingest();

  /** Publication of appended entries on {@code audit.log}. */
  Outbox outbox();

  /** Settings under {@code custos.audit.ingest}. */
  interface Ingest {
    /** Whether the service consumes the Custos topics at all. */
    @WithDefault("true")
    boolean enabled();

    /** Kafka consumer group, whose committed offsets mark the records already appended. */
    @WithDefault("custos-audit")
    String groupId();

    /** Maximum number of records per poll, and so per append transaction. */
    @WithDefault("500")
    int maxPollRecords();

    /** First wait before an append is retried after PostgreSQL failed; it doubles each time. */
    @WithDefault("200ms")
    Duration retryBackoff();

    /** Upper bound of the wait between two append attempts. */
    @WithDefault("30s")
    Duration maxRetryBackoff();
  }

  /** Settings under {@code custos.audit.outbox}. */
  interface Outbox {
    /** Whether the service publishes appended entries on {@code audit.log}. */
    @WithDefault("true")
    boolean enabled();

    /** Maximum number of entries published and acknowledged before the progress is stored. */
    @WithDefault("500")
    int batchSize();

    /**
     * Interval at which the relay looks for entries without being woken, such as those that another
     * replica appended, and waits after a failure. Appends by this service wake it at once.
     */
    @WithDefault("1s")
    Duration pollInterval();

    /** Time that Kafka has to acknowledge one batch before the relay retries it. */
    @WithDefault("30s")
    Duration publishTimeout();
  }

  /** A bearer token of the read API, under {@code custos.audit.tokens.<name>}. */
  interface Token {
    /** SHA-256 of the token, as 64 hex digits, so the configuration never contains the token. */
    String sha256();

    /** Role of the token, which decides the routes that it may use. */
    TokenRole role();
  }
}
