package dev.custos.signer.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.signer.pushes.PublishTimeoutException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The 503 that a broker timeout becomes, which the shared test broker cannot be made to cause. */
class WebhookExceptionMappersTest {
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final WebhookExceptionMappers mappers =
      new WebhookExceptionMappers(new RegistryEndpoints(Map.of()), new WebhookMetrics(meters));

  @Test
  void publishTimeoutIsRetryableUnavailable() {
    PublishTimeoutException timeout = new PublishTimeoutException(1, 2, Duration.ofMillis(2500));

    Response response = mappers.publishTimedOut(timeout, "dev");

    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeaderString("Retry-After")).isEqualTo("3");
    assertThat(response.getMediaType()).hasToString(WebhookExceptionMappers.PROBLEM_JSON);
    WebhookExceptionMappers.Problem problem =
        (WebhookExceptionMappers.Problem) response.getEntity();
    assertThat(problem.detail())
        .contains("acknowledged 1 of 2 image.pushed records within 2500 ms")
        .contains("deliver the notification again");
    assertThat(
            meters
                .get(WebhookMetrics.REQUESTS_REJECTED)
                .tag("registry", "dev")
                .tag("status", "503")
                .counter()
                .count())
        .isEqualTo(1.0);
  }
}
