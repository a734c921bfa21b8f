package dev.custos.signer.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.events.image.ImageReference;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkflowRulesTest {

  @ParameterizedTest(name = "{0} against {1}")
  @CsvSource(
      textBlock =
          """
          registry.example.com/payments/api,  registry.example.com/payments/api,     true
          registry.example.com/payments/api,  registry.example.com/payments/web,     false
          registry.example.com/payments/*,    registry.example.com/payments/api,     true
          registry.example.com/payments/*,    registry.example.com/payments/api/v2,  false
          registry.example.com/payments/*,    registry.example.com/payments,         false
          registry.example.com/payments/**,   registry.example.com/payments/api/v2,  true
          registry.example.com/payments/**,   registry.example.com/payments,         true
          registry.example.com/payments/**,   registry.example.com/paymentsx/api,    false
          registry.example.com/**/api,        registry.example.com/api,              true
          registry.example.com/**/api,        registry.example.com/a/b/c/api,        true
          registry.example.com/**/api,        registry.example.com/a/b/api-v2,       false
          registry.example.com/team-*/api,    registry.example.com/team-a/api,       true
          registry.example.com/team-*/api,    registry.example.com/other/api,        false
          registry.example.com/*api*,         registry.example.com/payments-api-v2,  true
          */payments/*,                       localhost:5000/payments/api,           true
          */payments/*,                       registry.example.com/x/payments/api,   false
          **,                                 docker.io/library/nginx,               true
          **/nginx,                           docker.io/library/nginx,               true
          docker.io/library/*,                docker.io/library/nginx,               true
          registry.example.com:5000/**,       registry.example.com/payments/api,     false
          """)
  void patternMatchesCanonicalName(String glob, String canonicalName, boolean matches) {
    RepositoryPattern pattern = new RepositoryPattern(glob);

    assertThat(pattern.matches(canonicalName)).isEqualTo(matches);
  }

  @Test
  void patternMatchesParsedReference() {
    RepositoryPattern pattern = new RepositoryPattern("docker.io/library/*");

    assertThat(pattern.matches(ImageReference.parse("nginx:1.27"))).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Registry.example.com/app      | must be lowercase
          registry.example.com//app     | empty path segment
          registry.example.com/app/     | empty path segment
          registry.example.com/a**/b    | must be a whole segment
          registry.example.com/a b      | contains a character
          payments/api                  | must start with the registry host
          registry.example.com          | names no repository
          """)
  void invalidPatternIsRejected(String glob, String expectedProblem) {
    assertThatThrownBy(() -> new RepositoryPattern(glob))
        .isInstanceOf(InvalidWorkflowRuleException.class)
        .hasMessageStartingWith("repository: '" + glob + "'")
        .hasMessageContaining(expectedProblem);
  }

  @Test
  void firstMatchingRuleWins() {
    WorkflowRules rules =
        WorkflowRules.of(
            List.of(
                rule("payments-api", "registry.example.com/payments/api"),
                rule("payments", "registry.example.com/payments/**"),
                rule("everything", "**")));

    assertThat(rules.match("registry.example.com/payments/api").orElseThrow().name())
        .isEqualTo("payments-api");
    assertThat(rules.match("registry.example.com/payments/web").orElseThrow().name())
        .isEqualTo("payments");
    assertThat(rules.match("docker.io/library/nginx").orElseThrow().name()).isEqualTo("everything");
  }

  @Test
  void noMatchGivesNoWorkflow() {
    WorkflowRules rules =
        WorkflowRules.of(List.of(rule("payments", "registry.example.com/payments/*")));

    assertThat(rules.match(ImageReference.parse("registry.example.com/billing/api"))).isEmpty();
  }

  @Test
  void duplicateNameNamesIndex() {
    List<WorkflowRule> rules =
        List.of(
            rule("payments", "registry.example.com/payments/*"),
            rule("payments", "registry.example.com/billing/*"));

    assertThatThrownBy(() -> WorkflowRules.of(rules))
        .isInstanceOf(InvalidWorkflowRuleException.class)
        .hasMessage("workflows[1].name: 'payments' is already the name of workflows[0]");
  }

  @Test
  void repeatedPatternNeverMatches() {
    List<WorkflowRule> rules =
        List.of(
            rule("a", "registry.example.com/payments/*"),
            rule("b", "registry.example.com/payments/*"));

    assertThatThrownBy(() -> WorkflowRules.of(rules))
        .isInstanceOf(InvalidWorkflowRuleException.class)
        .extracting(e -> ((InvalidWorkflowRuleException) e).field())
        .isEqualTo("workflows[1].repository");
  }

  @Test
  void authorityMustBeNoteName() {
    assertThatThrownBy(
            () ->
                new WorkflowRule(
                    "payments",
                    new RepositoryPattern("registry.example.com/payments/*"),
                    "projects/custos/occurrences/release",
                    "release-2026",
                    VulnerabilityPolicy.ALLOW_ALL,
                    false,
                    null,
                    false))
        .isInstanceOf(InvalidWorkflowRuleException.class)
        .hasMessageStartingWith("authority: ")
        .hasMessageContaining("projects/<project>/notes/<id>");
  }

  @Test
  void blankKeyNameIsRejected() {
    assertThatThrownBy(
            () ->
                new WorkflowRule(
                    "payments",
                    new RepositoryPattern("registry.example.com/payments/*"),
                    TestOccurrences.AUTHORITY,
                    " ",
                    VulnerabilityPolicy.ALLOW_ALL,
                    false,
                    null,
                    false))
        .isInstanceOf(InvalidWorkflowRuleException.class)
        .hasMessageStartingWith("keyName: ");
  }

  @ParameterizedTest(name = "wait {0}")
  @CsvSource(
      nullValues = "-",
      textBlock =
          """
          -,     is required
          PT0S,  must be positive
          -PT1M, must be positive
          """)
  void discoveryWaitMustBePositive(Duration wait, String expectedProblem) {
    assertThatThrownBy(() -> TestOccurrences.ruleWithDiscovery(wait))
        .isInstanceOf(InvalidWorkflowRuleException.class)
        .hasMessageStartingWith("maxDiscoveryWait: ")
        .hasMessageContaining(expectedProblem);
  }

  @Test
  void listEntriesAreNormalisedToIds() {
    VulnerabilityPolicy policy =
        new VulnerabilityPolicy(
            SeverityLimit.HIGH,
            SeverityLimit.HIGH,
            List.of("projects/goog-vulnz/notes/CVE-2021-20305", " CVE-2022-0001 "),
            List.of("projects/x/notes/CVE-2023-0002"),
            false);

    assertThat(policy.allowedCves()).containsExactly("CVE-2021-20305", "CVE-2022-0001");
    assertThat(policy.blockedCves()).containsExactly("CVE-2023-0002");
  }

  @Test
  void malformedListEntryNamesIndex() {
    assertThatThrownBy(
            () ->
                new VulnerabilityPolicy(
                    SeverityLimit.HIGH,
                    SeverityLimit.HIGH,
                    List.of("CVE-2021-20305", "projects/x/CVE-2022-0001"),
                    List.of(),
                    false))
        .isInstanceOf(InvalidWorkflowRuleException.class)
        .hasMessageStartingWith("vulnerabilityPolicy.allowedCves[1]: 'projects/x/CVE-2022-0001'");
  }

  @Test
  void entryInBothListsIsRejected() {
    assertThatThrownBy(
            () ->
                new VulnerabilityPolicy(
                    SeverityLimit.HIGH,
                    SeverityLimit.HIGH,
                    List.of("CVE-2021-20305"),
                    List.of("projects/x/notes/cve-2021-20305"),
                    false))
        .isInstanceOf(InvalidWorkflowRuleException.class)
        .hasMessageStartingWith("vulnerabilityPolicy.blockedCves[0]: ");
  }

  @Test
  void missingLimitIsRejected() {
    assertThatThrownBy(
            () -> new VulnerabilityPolicy(null, SeverityLimit.HIGH, List.of(), List.of(), false))
        .isInstanceOf(InvalidWorkflowRuleException.class)
        .hasMessageStartingWith("vulnerabilityPolicy.maximumFixableSeverity: is required");
  }

  private static WorkflowRule rule(String name, String glob) {
    return new WorkflowRule(
        name,
        new RepositoryPattern(glob),
        TestOccurrences.AUTHORITY,
        "release-2026",
        VulnerabilityPolicy.ALLOW_ALL,
        false,
        null,
        false);
  }
}
