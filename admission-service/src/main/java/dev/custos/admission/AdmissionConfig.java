package dev.custos.admission;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/** Settings of the admission service, under {@code custos.admission}. */
@ConfigMapping(prefix = "custos.admission")
public interface AdmissionConfig {

  /**
   * Time budget for deciding one AdmissionReview, as a duration such as {@code 2s} or {@code
   * 500ms}. Keep it below the {@code timeoutSeconds} of the webhook configuration (10 s unless
   * set).
   */
  @WithDefault("2s")
  Duration decisionDeadline();

  /** Path of the policy YAML file, usually a mounted ConfigMap. */
  @WithDefault("/etc/custos/policy.yaml")
  Path policyFile();
}
