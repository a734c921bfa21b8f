package dev.custos.signer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the signer service, under {@code custos.signer}. */
@ConfigMapping(prefix = "custos.signer")
public interface SignerConfig {

  /** Maximum size of a registry webhook request body, in bytes (1 MiB by default). */
  @WithDefault("1048576")
  int maxWebhookBodyBytes();

  /**
   * Time a webhook request waits for Kafka to acknowledge its {@code image.pushed} event before the
   * request fails, as a duration such as {@code 5s}.
   */
  @WithDefault("5s")
  Duration publishTimeout();
}
