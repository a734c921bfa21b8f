package dev.custos.signer;

/**
 * Keys of the key/value pairs that the signer service adds to its log events. Log queries filter on
 * these names, so a key keeps its name once it ships.
 */
// NOTE: slf4j-jboss-logmanager 2.0.2 does not implement SLF4J's LoggingEventAware, so SLF4J 2.0.17
// writes the key/value pairs as "key=value" words in front of the message, in JSON output too.
public final class LogKeys {
  public static final String SERVICE = "service";
  public static final String VERSION = "version";
  public static final String MAX_WEBHOOK_BODY_BYTES = "maxWebhookBodyBytes";
  public static final String PUBLISH_TIMEOUT_MS = "publishTimeoutMs";
  public static final String DIGEST = "digest";
  public static final String CE_ID = "ceId";
  public static final String REGISTRY = "registry";
  public static final String REGISTRY_COUNT = "registryCount";
  public static final String REGISTRY_HOST = "registryHost";
  public static final String REGISTRY_EVENT_ID = "registryEventId";
  public static final String STATUS = "status";
  public static final String REASON = "reason";
  public static final String JSON_PATH = "jsonPath";
  public static final String PUBLISHED = "published";
  public static final String ATTACHED_ARTIFACTS = "attachedArtifacts";
  public static final String IGNORED = "ignored";
  public static final String WORKFLOW_COUNT = "workflowCount";
  public static final String WORKFLOW_RULE = "workflowRule";
  public static final String REPOSITORY_PATTERN = "repositoryPattern";
  public static final String AUTHORITY = "authority";
  public static final String KEY_NAME = "keyName";
  public static final String ATTESTATION = "attestation";
  public static final String KEPT_ATTESTATION = "keptAttestation";
  public static final String PUBLIC_KEY_ID = "publicKeyId";
  public static final String OUTCOME = "outcome";
  public static final String REASONS = "reasons";
  public static final String TOPIC = "topic";
  public static final String PARTITION = "partition";
  public static final String OFFSET = "offset";
  public static final String ERROR = "error";
  public static final String RETRY_IN_MS = "retryInMs";
  public static final String ATTEMPT = "attempt";
  public static final String REMAINING_WAIT_MS = "remainingWaitMs";
  public static final String TRIGGER = "trigger";
  public static final String CREATED = "created";
  public static final String HALTED = "halted";
  public static final String GROUP_ID = "groupId";
  public static final String METADATA_URL = "metadataUrl";
  public static final String KEY_COUNT = "keyCount";
  public static final String SIGN_API_TOKEN_COUNT = "signApiTokenCount";

  private LogKeys() {}
}
