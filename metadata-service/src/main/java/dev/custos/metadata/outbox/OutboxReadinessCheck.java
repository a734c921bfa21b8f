package dev.custos.metadata.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check named {@value #NAME}, DOWN while Kafka rejects an outbox row as too large. No
 * later row is published until then, so downstream consumers stop seeing writes. The data names the
 * row and the fix.
 */
@Readiness
@ApplicationScoped
public class OutboxReadinessCheck implements HealthCheck {
  public static final String NAME = "outbox-relay";

  private final OutboxRelay relay;

  OutboxReadinessCheck(OutboxRelay relay) {
    this.relay = relay;
  }

  @Override
  public HealthCheckResponse call() {
    long blocked = relay.blockedRowId();
    HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
    if (blocked == 0) {
      return response.up().build();
    }

    return response
        .down()
        .withData("blockedOutboxId", blocked)
        .withData(
            "reason",
            "Kafka rejects outbox row "
                + blocked
                + " as too large, so no later row is published. Raise kafka.max.request.size and"
                + " the broker's message.max.bytes above the row's size")
        .build();
  }
}
