package dev.custos.metadata;

/**
 * Keys of the key/value pairs that the metadata service adds to its log events. Log queries filter
 * on these names, so a key keeps its name once it ships.
 */
// NOTE: slf4j-jboss-logmanager 2.0.2 does not implement SLF4J's LoggingEventAware, so SLF4J 2.0.17
// writes the key/value pairs as "key=value" words in front of the message, in JSON output too.
public final class LogKeys {
  public static final String SERVICE = "service";
  public static final String VERSION = "version";
  public static final String PAGE_SIZE_DEFAULT = "pageSizeDefault";
  public static final String PAGE_SIZE_MAX = "pageSizeMax";
  public static final String PRINCIPAL_COUNT = "principalCount";
  public static final String PAGE_TOKEN_KEY_SET = "pageTokenKeySet";
  public static final String DIGEST = "digest";
  public static final String CE_ID = "ceId";
  public static final String OUTBOX_ID = "outboxId";
  public static final String BACKLOG = "backlog";
  public static final String FAILED_ATTEMPTS = "failedAttempts";
  public static final String RETRY_BACKOFF_MS = "retryBackoffMs";
  public static final String MAX_OCCURRENCE_BYTES = "maxOccurrenceBytes";
  public static final String POLL_INTERVAL_MS = "pollIntervalMs";
  public static final String BATCH_SIZE = "batchSize";
  public static final String RELAY_ENABLED = "relayEnabled";
  public static final String ERROR = "error";
  public static final String SUPPRESSED = "suppressed";

  private LogKeys() {}
}
