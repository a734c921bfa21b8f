package dev.custos.signer.webhook;

import java.util.Objects;

/**
 * Registry event that a webhook delivered but that does not start a signing workflow.
 *
 * @param registryEventId the registry's id of the event, or null when the registry sends none
 * @param path the JSON path of the event in the body, such as {@code events[1]}
 * @param reason why the event is ignored
 */
public record IgnoredEvent(String registryEventId, String path, IgnoreReason reason) {
  public IgnoredEvent {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(reason, "reason");
  }
}
