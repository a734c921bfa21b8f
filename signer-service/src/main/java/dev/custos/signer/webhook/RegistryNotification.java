package dev.custos.signer.webhook;

import dev.custos.events.registry.ImagePushed;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Contents of one webhook request, sorted by what Custos does with each event.
 *
 * @param pushes image manifests and indexes pushed, each to be published on {@code registry.pushes}
 * @param attachedArtifacts signatures, attestations and other artifacts attached to an image
 * @param ignored every other event, with the reason it is ignored
 */
public record RegistryNotification(
    List<ImagePushed> pushes,
    List<AttachedArtifact> attachedArtifacts,
    List<IgnoredEvent> ignored) {

  public RegistryNotification {
    pushes = List.copyOf(pushes);
    attachedArtifacts = List.copyOf(attachedArtifacts);
    ignored = List.copyOf(ignored);
  }

  /** Returns the number of ignored events for each reason that occurs, for the metrics. */
  public Map<IgnoreReason, Integer> ignoredCounts() {
    Map<IgnoreReason, Integer> counts = new EnumMap<>(IgnoreReason.class);
    for (IgnoredEvent event : ignored) {
      counts.merge(event.reason(), 1, Integer::sum);
    }
    return counts;
  }
}
