package dev.custos.signer;

import dev.custos.signer.signapi.SignApiTokens;
import dev.custos.signer.webhook.RegistryEndpoints;
import dev.custos.signer.workflow.WorkflowRule;
import dev.custos.signer.workflow.WorkflowRules;
import dev.custos.signer.workflow.WorkflowRulesConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates the signer service's settings at startup and logs their effective values. Building the
 * {@link RegistryEndpoints} here reads every registry's secrets, so a bad registry setting also
 * stops the startup, and so does an invalid signing workflow rule.
 */
@ApplicationScoped
public class StartupSettingsCheck {
  private static final Logger log = LoggerFactory.getLogger(StartupSettingsCheck.class);

  private final SignerConfig config;
  private final RegistryEndpoints registries;
  private final String serviceName;
  private final String serviceVersion;

  StartupSettingsCheck(
      SignerConfig config,
      RegistryEndpoints registries,
      @ConfigProperty(name = "quarkus.application.name") String serviceName,
      @ConfigProperty(name = "quarkus.application.version") String serviceVersion) {
    this.config = config;
    this.registries = registries;
    this.serviceName = serviceName;
    this.serviceVersion = serviceVersion;
  }

  void onStart(@Observes StartupEvent event) {
    validate(config);
    WorkflowRules workflows = WorkflowRulesConfig.fromConfig(config.workflows());

    log.atInfo()
        .addKeyValue(LogKeys.SERVICE, serviceName)
        .addKeyValue(LogKeys.VERSION, serviceVersion)
        .addKeyValue(LogKeys.MAX_WEBHOOK_BODY_BYTES, config.maxWebhookBodyBytes())
        .addKeyValue(LogKeys.PUBLISH_TIMEOUT_MS, config.publishTimeout().toMillis())
        .addKeyValue(LogKeys.REGISTRY_COUNT, registries.size())
        .addKeyValue(LogKeys.WORKFLOW_COUNT, workflows.size())
        .log("Signer service settings loaded");
    logRegistries();
    logWorkflows(workflows);
    logSignApi(SignApiTokens.fromHashes(config.signApi().tokens().orElse(List.of())));
  }

  private void logWorkflows(WorkflowRules workflows) {
    for (WorkflowRule rule : workflows.rules()) {
      log.atInfo()
          .addKeyValue(LogKeys.WORKFLOW_RULE, rule.name())
          .addKeyValue(LogKeys.REPOSITORY_PATTERN, rule.repository().glob())
          .addKeyValue(LogKeys.AUTHORITY, rule.authority())
          .addKeyValue(LogKeys.KEY_NAME, rule.keyName())
          .log("Signing workflow rule configured");
    }
  }

  private void logSignApi(SignApiTokens tokens) {
    if (tokens.size() == 0) {
      log.atWarn()
          .log(
              "No token hashes configured under custos.signer.sign-api.tokens, so every POST"
                  + " /v1/sign request gets 401");
      return;
    }
    log.atInfo()
        .addKeyValue(LogKeys.SIGN_API_TOKEN_COUNT, tokens.size())
        .log("Sign API tokens configured");
  }

  private void logRegistries() {
    if (registries.size() == 0) {
      log.atWarn()
          .log(
              "No registries configured under custos.signer.registries, so every webhook request"
                  + " gets 404");
      return;
    }
    for (String name : registries.names()) {
      log.atInfo()
          .addKeyValue(LogKeys.REGISTRY, name)
          .addKeyValue(LogKeys.REGISTRY_HOST, registries.find(name).orElseThrow().host())
          .log("Registry webhook endpoint configured");
    }
  }

  /**
   * Throws {@link IllegalStateException}, which stops the startup, when the body limit or the
   * publish timeout is not positive.
   */
  static void validate(SignerConfig config) {
    if (config.maxWebhookBodyBytes() < 1) {
      throw new IllegalStateException(
          "custos.signer.max-webhook-body-bytes must be at least 1, but is "
              + config.maxWebhookBodyBytes());
    }
    Duration timeout = config.publishTimeout();
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalStateException(
          "custos.signer.publish-timeout must be positive, but is " + timeout);
    }
  }
}
