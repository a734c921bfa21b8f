package dev.custos.signer.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Map;

/**
 * Counters of the registry webhook. The {@code registry} tag is a configured registry name, or
 * {@value #UNKNOWN_REGISTRY} for a request to any other name, so a caller cannot add tag values.
 */
@ApplicationScoped
public class WebhookMetrics {
  /** Events received in accepted requests, by {@code kind}: a push, an artifact or why ignored. */
  public static final String EVENTS_RECEIVED = "custos.signer.webhook.events.received";

  /** Image pushes that the broker acknowledged on {@code registry.pushes}. */
  public static final String PUSHES_PUBLISHED = "custos.signer.pushes.published";

  /** Webhook requests rejected with an error status, by HTTP {@code status}. */
  public static final String REQUESTS_REJECTED = "custos.signer.webhook.requests.rejected";

  public static final String UNKNOWN_REGISTRY = "unknown";

  static final String KIND_PUSH = "push";
  static final String KIND_ATTACHED_ARTIFACT = "attached_artifact";

  private final MeterRegistry registry;

  WebhookMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Counts the events of one accepted request by kind. */
  public void countReceived(String registryName, RegistryNotification notification) {
    increment(registryName, KIND_PUSH, notification.pushes().size());
    increment(registryName, KIND_ATTACHED_ARTIFACT, notification.attachedArtifacts().size());
    for (Map.Entry<IgnoreReason, Integer> entry : notification.ignoredCounts().entrySet()) {
      increment(registryName, entry.getKey().name().toLowerCase(Locale.ROOT), entry.getValue());
    }
  }

  public void countPublished(String registryName, int count) {
    Counter.builder(PUSHES_PUBLISHED)
        .description("Image pushes that Kafka acknowledged on registry.pushes")
        .tag("registry", registryName)
        .register(registry)
        .increment(count);
  }

  public void countRejected(String registryName, int status) {
    Counter.builder(REQUESTS_REJECTED)
        .description("Registry webhook requests rejected with an error status")
        .tag("registry", registryName)
        .tag("status", Integer.toString(status))
        .register(registry)
        .increment();
  }

  private void increment(String registryName, String kind, int count) {
    if (count == 0) {
      return;
    }
    Counter.builder(EVENTS_RECEIVED)
        .description("Registry events received in accepted webhook requests")
        .tag("registry", registryName)
        .tag("kind", kind)
        .register(registry)
        .increment(count);
  }
}
