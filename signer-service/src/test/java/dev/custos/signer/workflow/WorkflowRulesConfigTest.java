package dev.custos.signer.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.signer.SignerConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkflowRulesConfigTest {
  private static final String FIRST = "custos.signer.workflows[0].";
  private static final String SECOND = "custos.signer.workflows[1].";

  @Test
  void noWorkflowsGiveNoRules() {
    WorkflowRules rules = WorkflowRulesConfig.fromConfig(map(Map.of()).workflows());

    assertThat(rules.size()).isZero();
  }

  @Test
  void everyPropertyReachesTheRule() {
    Map<String, String> properties =
        new HashMap<>(minimal(FIRST, "registry.example.com/payments/**"));
    properties.put(FIRST + "name", "payments");
    properties.put(
        FIRST + "vulnerability-policy.allowed-cves",
        "CVE-2021-20305,projects/x/notes/CVE-2022-0001");
    properties.put(
        FIRST + "vulnerability-policy.blocked-cves[0]", "projects/goog-vulnz/notes/CVE-2023-0002");
    properties.put(FIRST + "vulnerability-policy.ignore-missing-severity", "true");
    properties.put(FIRST + "require-discovery", "true");
    properties.put(FIRST + "max-discovery-wait", "15m");
    properties.put(FIRST + "require-build", "true");

    WorkflowRule rule = only(properties);

    assertThat(rule.name()).isEqualTo("payments");
    assertThat(rule.repository().glob()).isEqualTo("registry.example.com/payments/**");
    assertThat(rule.authority()).isEqualTo("projects/custos/notes/release");
    assertThat(rule.keyName()).isEqualTo("release-2026");
    assertThat(rule.vulnerabilityPolicy().maximumFixableSeverity()).isEqualTo(SeverityLimit.MEDIUM);
    assertThat(rule.vulnerabilityPolicy().maximumUnfixableSeverity())
        .isEqualTo(SeverityLimit.ALLOW_ALL);
    assertThat(rule.vulnerabilityPolicy().allowedCves())
        .containsExactly("CVE-2021-20305", "CVE-2022-0001");
    assertThat(rule.vulnerabilityPolicy().blockedCves()).containsExactly("CVE-2023-0002");
    assertThat(rule.vulnerabilityPolicy().ignoreMissingSeverity()).isTrue();
    assertThat(rule.requireDiscovery()).isTrue();
    assertThat(rule.maxDiscoveryWait()).isEqualTo(Duration.ofMinutes(15));
    assertThat(rule.requireBuild()).isTrue();
  }

  @Test
  void defaultsApplyToOmittedProperties() {
    WorkflowRule rule = only(minimal(FIRST, "registry.example.com/payments/*"));

    assertThat(rule.name()).isEqualTo("registry.example.com/payments/*");
    assertThat(rule.vulnerabilityPolicy().allowedCves()).isEmpty();
    assertThat(rule.vulnerabilityPolicy().blockedCves()).isEmpty();
    assertThat(rule.vulnerabilityPolicy().ignoreMissingSeverity()).isFalse();
    assertThat(rule.requireDiscovery()).isFalse();
    assertThat(rule.maxDiscoveryWait()).isEqualTo(Duration.ofMinutes(10));
    assertThat(rule.requireBuild()).isFalse();
  }

  @Test
  void rulesKeepConfiguredOrder() {
    Map<String, String> properties =
        new HashMap<>(minimal(FIRST, "registry.example.com/payments/api"));
    properties.putAll(minimal(SECOND, "registry.example.com/**"));

    WorkflowRules rules = WorkflowRulesConfig.fromConfig(map(properties).workflows());

    assertThat(rules.match("registry.example.com/payments/api").orElseThrow().name())
        .isEqualTo("registry.example.com/payments/api");
    assertThat(rules.match("registry.example.com/billing/api").orElseThrow().name())
        .isEqualTo("registry.example.com/**");
  }

  @Test
  void invalidEntryNamesProperty() {
    Map<String, String> properties = new HashMap<>(minimal(FIRST, "registry.example.com/a/*"));
    properties.putAll(minimal(SECOND, "registry.example.com/b/*"));
    properties.put(SECOND + "vulnerability-policy.blocked-cves", "CVE-2021-20305,projects/x/CVE-1");

    assertThatThrownBy(() -> WorkflowRulesConfig.fromConfig(map(properties).workflows()))
        .isInstanceOf(InvalidWorkflowRuleException.class)
        .hasMessageStartingWith(
            "custos.signer.workflows[1].vulnerability-policy.blocked-cves[1]: 'projects/x/CVE-1'");
  }

  @Test
  void invalidWaitNamesProperty() {
    Map<String, String> properties = new HashMap<>(minimal(FIRST, "registry.example.com/a/*"));
    properties.put(FIRST + "require-discovery", "true");
    properties.put(FIRST + "max-discovery-wait", "0s");

    assertThatThrownBy(() -> WorkflowRulesConfig.fromConfig(map(properties).workflows()))
        .isInstanceOf(InvalidWorkflowRuleException.class)
        .hasMessageStartingWith("custos.signer.workflows[0].max-discovery-wait: must be positive");
  }

  @Test
  void duplicateNameNamesProperty() {
    Map<String, String> properties = new HashMap<>(minimal(FIRST, "registry.example.com/a/*"));
    properties.putAll(minimal(SECOND, "registry.example.com/b/*"));
    properties.put(FIRST + "name", "release");
    properties.put(SECOND + "name", "release");

    assertThatThrownBy(() -> WorkflowRulesConfig.fromConfig(map(properties).workflows()))
        .isInstanceOf(InvalidWorkflowRuleException.class)
        .hasMessageStartingWith("custos.signer.workflows[1].name: 'release'");
  }

  @Test
  void missingMaximumFailsMapping() {
    Map<String, String> properties = new HashMap<>(minimal(FIRST, "registry.example.com/a/*"));
    properties.remove(FIRST + "vulnerability-policy.maximum-unfixable-severity");

    assertThatThrownBy(() -> map(properties))
        .hasMessageContaining("workflows[0].vulnerability-policy.maximum-unfixable-severity");
  }

  @Test
  void fieldPathBecomesPropertyName() {
    assertThat(WorkflowRulesConfig.toPropertyName("vulnerabilityPolicy.allowedCves[1]"))
        .isEqualTo("vulnerability-policy.allowed-cves[1]");
  }

  private static Map<String, String> minimal(String prefix, String repository) {
    return Map.of(
        prefix + "repository", repository,
        prefix + "authority", "projects/custos/notes/release",
        prefix + "key-name", "release-2026",
        prefix + "vulnerability-policy.maximum-fixable-severity", "MEDIUM",
        prefix + "vulnerability-policy.maximum-unfixable-severity", "ALLOW_ALL");
  }

  private static WorkflowRule only(Map<String, String> properties) {
    WorkflowRules rules = WorkflowRulesConfig.fromConfig(map(properties).workflows());
    assertThat(rules.size()).isEqualTo(1);
    return rules.rules().get(0);
  }

  /** Maps with the duration converter that Quarkus registers, which accepts {@code 15m}. */
  private static SignerConfig map(Map<String, String> properties) {
    SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder();
    properties.forEach(builder::withDefaultValue);
    return builder
        .withConverter(Duration.class, 200, new DurationConverter())
        .withMapping(SignerConfig.class)
        .build()
        .getConfigMapping(SignerConfig.class);
  }
}
