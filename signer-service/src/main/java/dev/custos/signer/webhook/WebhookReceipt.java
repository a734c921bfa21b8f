package dev.custos.signer.webhook;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Body of a 202 response: what the service did with the events of one webhook request.
 *
 * @param registry the configured registry name
 * @param published image pushes now stored on {@code registry.pushes}
 * @param attachedArtifacts signatures, attestations and other artifacts, which are not published
 * @param ignored ignored events by reason, in the order of {@link IgnoreReason}, only the reasons
 *     that occurred
 */
public record WebhookReceipt(
    String registry, int published, int attachedArtifacts, Map<IgnoreReason, Integer> ignored) {

  public WebhookReceipt {
    ignored = Collections.unmodifiableMap(new TreeMap<>(ignored));
  }

  static WebhookReceipt of(String registry, RegistryNotification notification) {
    return new WebhookReceipt(
        registry,
        notification.pushes().size(),
        notification.attachedArtifacts().size(),
        notification.ignoredCounts());
  }
}
