package dev.custos.admission;

/**
 * Keys of the key/value pairs that the admission service adds to its log events. Log queries filter
 * on these names, so a key keeps its name once it ships.
 */
// NOTE: slf4j-jboss-logmanager 2.0.2 does not implement SLF4J's LoggingEventAware, so SLF4J 2.0.17
// writes the key/value pairs as "key=value" words in front of the message, in JSON output too.
public final class LogKeys {
  public static final String SERVICE = "service";
  public static final String VERSION = "version";
  public static final String DECISION_DEADLINE_MS = "decisionDeadlineMs";
  public static final String POLICY_FILE = "policyFile";
  public static final String UID = "uid";
  public static final String DIGEST = "digest";
  public static final String CE_ID = "ceId";
  public static final String NAMESPACE = "namespace";
  public static final String NAME = "name";
  public static final String KIND = "kind";
  public static final String ALLOWED = "allowed";
  public static final String REASON = "reason";
  public static final String POLICY_REVISION = "policyRevision";
  public static final String OCCURRENCE = "occurrence";
  public static final String ATTESTOR = "attestor";
  public static final String TOPIC = "topic";
  public static final String PARTITION = "partition";
  public static final String OFFSET = "offset";
  public static final String COUNT = "count";
  public static final String ELAPSED_MS = "elapsedMs";

  private LogKeys() {}
}
