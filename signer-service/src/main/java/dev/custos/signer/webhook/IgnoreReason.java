package dev.custos.signer.webhook;

/** Reason why a registry event does not start a signing workflow. Metrics count by this name. */
public enum IgnoreReason {
  /** A manifest or blob was pulled. */
  PULL,
  /** A manifest, tag or blob was deleted. */
  DELETE,
  /** A blob was mounted from another repository, which copies no manifest. */
  MOUNT,
  /** A layer or config blob was pushed. Its manifest arrives as an event of its own. */
  BLOB_PUSH,
  /** A Distribution action other than push, pull, delete and mount. */
  OTHER_ACTION,
  /** A Harbor event type other than {@code PUSH_ARTIFACT}, such as {@code SCANNING_COMPLETED}. */
  OTHER_EVENT_TYPE
}
