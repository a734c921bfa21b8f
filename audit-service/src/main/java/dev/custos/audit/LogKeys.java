package dev.custos.audit;

/**
 * Keys of the key/value pairs that the audit service adds to its log events. Log queries filter on
 * these names, so a key keeps its name once it ships.
 */
// NOTE: slf4j-jboss-logmanager 2.0.2 does not implement SLF4J's LoggingEventAware, so SLF4J 2.0.17
// writes the key/value pairs as "key=value" words in front of the message, in JSON output too.
public final class LogKeys {
  public static final String SERVICE = "service";
  public static final String VERSION = "version";
  public static final String LOG_ORIGIN = "logOrigin";
  public static final String CHECKPOINT_INTERVAL_MS = "checkpointIntervalMs";
  public static final String DIGEST = "digest";
  public static final String CE_ID = "ceId";
  public static final String TREE_SIZE = "treeSize";
  public static final String STORED_TREE_SIZE = "storedTreeSize";
  public static final String APPENDED_COUNT = "appendedCount";
  public static final String DUPLICATE_COUNT = "duplicateCount";
  public static final String TOPIC = "topic";
  public static final String PARTITION = "partition";
  public static final String OFFSET = "offset";
  public static final String ATTEMPT = "attempt";
  public static final String RETRY_DELAY_MS = "retryDelayMs";
  public static final String LEAF_INDEX = "leafIndex";
  public static final String COUNT = "count";
  public static final String VERIFIER_KEY = "verifierKey";

  private LogKeys() {}
}
