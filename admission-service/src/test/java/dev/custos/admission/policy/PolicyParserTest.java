package dev.custos.admission.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.custos.events.admission.EnforcementMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyParserTest {
  private static final String PEM =
      "\"-----BEGIN PUBLIC KEY-----\\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\\n-----END PUBLIC KEY-----\\n\"";

  private static final String ATTESTORS =
      """
      attestors:
        - name: build
          note: projects/custos/notes/build
          publicKeys:
            - key: %1$s
        - name: qa
          note: projects/qa/notes/qa
          publicKeys:
            - key: %1$s
      """
          .formatted(PEM);

  private final PolicyParser parser = new PolicyParser("custos-system");

  private static byte[] examplePolicy() throws IOException {
    try (InputStream in =
        PolicyParserTest.class.getResourceAsStream("/policy/example-policy.yaml")) {
      return in.readAllBytes();
    }
  }

  private List<String> violations(String yaml) {
    InvalidPolicyException e =
        catchThrowableOfType(InvalidPolicyException.class, () -> parser.parse(yaml));
    assertThat(e).as("the policy should be rejected").isNotNull();
    return e.violations().stream().map(PolicyViolation::toString).toList();
  }

  @Test
  void examplePolicyParses() throws Exception {
    Policy policy = parser.parse(examplePolicy());

    assertThat(policy.attestors()).containsOnlyKeys("build", "qa", "security");
    assertThat(policy.attestors().get("build").noteName()).isEqualTo("projects/custos/notes/build");
    assertThat(policy.attestors().get("build").publicKeys().get(0).format())
        .isEqualTo(PolicyKey.Format.PKIX);
    assertThat(policy.attestors().get("build").publicKeys().get(0).id()).isEqualTo("build-ec-2026");
    assertThat(policy.attestors().get("qa").publicKeys().get(0).format())
        .isEqualTo(PolicyKey.Format.OPENPGP);
    assertThat(policy.attestors().get("qa").publicKeys().get(0).id()).isNull();
    assertThat(policy.exemptNamespaces()).containsExactlyInAnyOrder("kube-system", "custos-system");
  }

  @Test
  void exampleRulesHaveDefaults() throws Exception {
    Policy policy = parser.parse(examplePolicy());

    Rule payments = policy.ruleFor("payments");
    assertThat(payments.name()).isEqualTo("namespaces.payments");
    assertThat(payments.requiredAttestors()).containsExactly("build", "qa", "security");
    assertThat(payments.minimum()).isEqualTo(2);
    assertThat(payments.enforcementMode().eventMode()).isEqualTo(EnforcementMode.ENFORCE);

    Rule staging = policy.ruleFor("staging");
    assertThat(staging.requiredAttestors()).containsExactly("build", "qa", "security");
    assertThat(staging.minimum()).isEqualTo(3);
    assertThat(staging.enforcementMode()).isEqualTo(PolicyEnforcementMode.DRYRUN_AUDIT_LOG_ONLY);

    assertThat(policy.ruleFor("other").name()).isEqualTo("defaultRule");
    assertThat(policy.ruleFor("other").minimum()).isEqualTo(2);
    assertThat(policy.ruleFor(null).name()).isEqualTo("defaultRule");
    assertThat(policy.ruleFor("quarantine").requiredAttestors()).isEmpty();
  }

  @Test
  void revisionIsContentHash() throws Exception {
    byte[] yaml = examplePolicy();
    String edited = new String(yaml, StandardCharsets.UTF_8) + "\n# edited\n";

    String revision = parser.parse(yaml).revision();

    assertThat(revision).matches("sha256:[0-9a-f]{64}");
    assertThat(parser.parse(yaml).revision()).isEqualTo(revision);
    assertThat(parser.parse(edited).revision()).isNotEqualTo(revision);
  }

  @Test
  void exemptDefaultsWithoutServiceNamespace() throws Exception {
    Policy policy = new PolicyParser(null).parse("defaultRule:\n  evaluationMode: ALWAYS_ALLOW\n");

    assertThat(policy.exemptNamespaces()).containsExactly("kube-system");
  }

  @Test
  void explicitExemptListReplacesDefaults() throws Exception {
    Policy policy =
        parser.parse(
            "defaultRule:\n  evaluationMode: ALWAYS_ALLOW\nexemptNamespaces: [monitoring]\n");

    assertThat(policy.isExempt("monitoring")).isTrue();
    assertThat(policy.isExempt("kube-system")).isFalse();
    assertThat(policy.isExempt("custos-system")).isFalse();
  }

  @Test
  void onErrorDefaultsToDeny() throws Exception {
    Policy policy = parser.parse(examplePolicy());

    assertThat(policy.defaultRule().onError()).isEqualTo(OnError.DENY);
    assertThat(policy.ruleFor("payments").onError()).isEqualTo(OnError.DENY);
    assertThat(policy.ruleFor("staging").onError()).isEqualTo(OnError.ALLOW);
  }

  @Test
  void onErrorInvalidValue() {
    String yaml =
        ATTESTORS
            + """
            defaultRule:
              evaluationMode: REQUIRE_ATTESTATION
              onError: IGNORE
            """;

    assertThat(violations(yaml))
        .containsExactly(
            "defaultRule.onError: \"IGNORE\" is not a valid value; use one of DENY, ALLOW");
  }

  @Test
  void onErrorOnlyForAttestationRules() {
    String yaml =
        ATTESTORS
            + """
            defaultRule:
              evaluationMode: ALWAYS_ALLOW
              onError: ALLOW
            """;

    assertThat(violations(yaml))
        .singleElement()
        .asString()
        .startsWith("defaultRule.onError: only REQUIRE_ATTESTATION checks attestations");
  }

  @Test
  void unknownTopLevelField() {
    assertThat(violations("defaultRule:\n  evaluationMode: ALWAYS_ALLOW\nallowList: [nginx]\n"))
        .singleElement()
        .asString()
        .startsWith("allowList: unknown field \"allowList\"; the fields here are ")
        .contains("allowlist");
  }

  @Test
  void unknownNestedField() {
    String yaml =
        ATTESTORS
            + """
            defaultRule:
              evaluationMode: ALWAYS_ALLOW
            namespaces:
              payments:
                evaluationMode: REQUIRE_ATTESTATION
                attestor: [build]
            """;

    assertThat(violations(yaml))
        .singleElement()
        .asString()
        .startsWith("namespaces.payments.attestor: unknown field \"attestor\"");
  }

  @Test
  void undefinedAttestorNamed() {
    String yaml =
        ATTESTORS
            + """
            defaultRule:
              evaluationMode: ALWAYS_ALLOW
            namespaces:
              payments:
                evaluationMode: REQUIRE_ATTESTATION
                attestors: [build, qa2]
            """;

    assertThat(violations(yaml))
        .containsExactly(
            "namespaces.payments.attestors[1]: attestor \"qa2\" is not defined in attestors");
  }

  @Test
  void badNoteName() {
    String yaml =
        ATTESTORS.replace("projects/qa/notes/qa", "projects/qa/attestors/qa")
            + "defaultRule:\n  evaluationMode: ALWAYS_ALLOW\n";

    assertThat(violations(yaml))
        .containsExactly(
            "attestors[1].note: \"projects/qa/attestors/qa\" is not a note name;"
                + " write projects/<project>/notes/<note>");
  }

  @Test
  void minimumAboveListSize() {
    String yaml =
        ATTESTORS
            + """
            defaultRule:
              evaluationMode: REQUIRE_ATTESTATION
              attestors: [build, qa]
              minimum: 3
            """;

    assertThat(violations(yaml))
        .containsExactly(
            "defaultRule.minimum: 3 is greater than the 2 attestors listed;"
                + " lower it or list more attestors");
  }

  @Test
  void minimumBelowOne() {
    String yaml = ATTESTORS + "defaultRule:\n  evaluationMode: REQUIRE_ATTESTATION\n  minimum: 0\n";

    assertThat(violations(yaml))
        .containsExactly("defaultRule.minimum: 0 is less than 1; require at least one attestor");
  }

  @Test
  void badEvaluationMode() {
    assertThat(violations("defaultRule:\n  evaluationMode: ALWAYS_ALOW\n"))
        .containsExactly(
            "defaultRule.evaluationMode: \"ALWAYS_ALOW\" is not a valid value;"
                + " use one of ALWAYS_ALLOW, ALWAYS_DENY, REQUIRE_ATTESTATION");
  }

  @Test
  void badEnforcementMode() {
    assertThat(
            violations(
                "defaultRule:\n  evaluationMode: ALWAYS_ALLOW\n  enforcementMode: DRY_RUN\n"))
        .singleElement()
        .asString()
        .startsWith("defaultRule.enforcementMode: \"DRY_RUN\" is not a valid value")
        .endsWith("ENFORCED_BLOCK_AND_AUDIT_LOG, DRYRUN_AUDIT_LOG_ONLY");
  }

  @Test
  void missingDefaultRule() {
    assertThat(violations(ATTESTORS))
        .singleElement()
        .asString()
        .startsWith("defaultRule: missing; add a rule with evaluationMode");
  }

  @Test
  void missingEvaluationMode() {
    assertThat(violations("defaultRule:\n  enforcementMode: DRYRUN_AUDIT_LOG_ONLY\n"))
        .singleElement()
        .asString()
        .startsWith("defaultRule.evaluationMode: missing");
  }

  @Test
  void attestationRuleWithoutAttestors() {
    assertThat(violations("defaultRule:\n  evaluationMode: REQUIRE_ATTESTATION\n"))
        .containsExactly(
            "defaultRule.attestors: REQUIRE_ATTESTATION needs at least one attestor;"
                + " define one under attestors");
  }

  @Test
  void attestorsOnAllowRule() {
    String yaml = ATTESTORS + "defaultRule:\n  evaluationMode: ALWAYS_ALLOW\n  attestors: [qa]\n";

    assertThat(violations(yaml))
        .singleElement()
        .asString()
        .startsWith("defaultRule.attestors: only REQUIRE_ATTESTATION takes attestors");
  }

  @Test
  void duplicateAttestorName() {
    String yaml =
        ATTESTORS.replace("name: qa", "name: build")
            + "defaultRule:\n  evaluationMode: ALWAYS_ALLOW\n";

    assertThat(violations(yaml))
        .containsExactly("attestors[1].name: attestor \"build\" is defined twice");
  }

  @Test
  void duplicateYamlKey() {
    String yaml =
        """
        defaultRule:
          evaluationMode: ALWAYS_ALLOW
        namespaces:
          payments:
            evaluationMode: ALWAYS_DENY
          payments:
            evaluationMode: ALWAYS_ALLOW
        """;

    assertThat(violations(yaml))
        .singleElement()
        .asString()
        .contains("Duplicate field 'payments'")
        .endsWith("remove one of the two keys");
  }

  @Test
  void privateKeyRejected() {
    String yaml =
        ATTESTORS.replaceFirst(
                "key: \"[^\"]*\"",
                "key: \"-----BEGIN PRIVATE KEY-----\\\\nAAAA\\\\n-----END PRIVATE KEY-----\"")
            + "defaultRule:\n  evaluationMode: ALWAYS_ALLOW\n";

    assertThat(violations(yaml))
        .singleElement()
        .asString()
        .startsWith("attestors[0].publicKeys[0].key: is a private key");
  }

  @Test
  void keyThatIsNotPem() {
    String yaml =
        ATTESTORS.replaceFirst("key: \"[^\"]*\"", "key: ssh-ed25519 AAAAC3Nza")
            + "defaultRule:\n  evaluationMode: ALWAYS_ALLOW\n";

    assertThat(violations(yaml))
        .singleElement()
        .asString()
        .startsWith("attestors[0].publicKeys[0].key: is neither an armored OpenPGP public key");
  }

  @Test
  void attestorWithoutKeys() {
    String yaml =
        """
        attestors:
          - name: build
            note: projects/custos/notes/build
        defaultRule:
          evaluationMode: ALWAYS_ALLOW
        """;

    assertThat(violations(yaml))
        .singleElement()
        .asString()
        .startsWith("attestors[0].publicKeys: missing");
  }

  @Test
  void invalidAllowlistPattern() {
    String yaml =
        """
        allowlist: [ghcr.io/acme/*, "**/nginx"]
        defaultRule:
          evaluationMode: ALWAYS_DENY
          allowlist: ["ghcr.io/acme app"]
        """;

    assertThat(violations(yaml))
        .hasSize(2)
        .anyMatch(v -> v.startsWith("allowlist[1]: pattern \"**/nginx\" starts with **"))
        .anyMatch(v -> v.startsWith("defaultRule.allowlist[0]: pattern \"ghcr.io/acme app\""));
  }

  @Test
  void invalidNamespaceName() {
    String yaml =
        "defaultRule:\n  evaluationMode: ALWAYS_ALLOW\nnamespaces:\n  Payments:\n"
            + "    evaluationMode: ALWAYS_DENY\n";

    assertThat(violations(yaml))
        .containsExactly(
            "namespaces.Payments: \"Payments\" is not a valid namespace name (RFC 1123 label)");
  }

  @Test
  void ruleForExemptNamespace() {
    String yaml =
        "defaultRule:\n  evaluationMode: ALWAYS_ALLOW\nnamespaces:\n  kube-system:\n"
            + "    evaluationMode: ALWAYS_DENY\n";

    assertThat(violations(yaml))
        .singleElement()
        .asString()
        .startsWith("namespaces.kube-system: namespace \"kube-system\" is exempt");
  }

  @Test
  void wrongTypeNamesPath() {
    String yaml =
        ATTESTORS + "defaultRule:\n  evaluationMode: REQUIRE_ATTESTATION\n  attestors: qa\n";

    assertThat(violations(yaml))
        .singleElement()
        .asString()
        .startsWith("defaultRule.attestors: wrong type; expected a list");
  }

  @Test
  void quotedNumberRejected() {
    String yaml =
        ATTESTORS + "defaultRule:\n  evaluationMode: REQUIRE_ATTESTATION\n  minimum: \"1\"\n";

    assertThat(violations(yaml)).singleElement().asString().startsWith("defaultRule.minimum: ");
  }

  @Test
  void listGivenForMode() {
    assertThat(violations("defaultRule:\n  evaluationMode: [ALWAYS_ALLOW]\n"))
        .singleElement()
        .asString()
        .startsWith("defaultRule.evaluationMode: wrong type; expected one of ALWAYS_ALLOW");
  }

  @Test
  void emptyDocumentRejected() {
    assertThat(violations("# nothing here\n"))
        .containsExactly("the policy is empty; it needs at least defaultRule");
  }

  @Test
  void yamlSyntaxErrorLocated() {
    assertThat(violations("defaultRule: {evaluationMode: ALWAYS_ALLOW\n"))
        .singleElement()
        .asString()
        .startsWith("invalid YAML: ")
        .contains("line ");
  }

  @Test
  void everyViolationReported() {
    String yaml =
        ATTESTORS.replace("projects/custos/notes/build", "build")
            + """
            defaultRule:
              evaluationMode: REQUIRE_ATTESTATION
              attestors: [build, nobody]
            namespaces:
              payments:
                evaluationMode: REQUIRE_ATTESTATION
                attestors: [qa]
                minimum: 2
            """;

    InvalidPolicyException e =
        catchThrowableOfType(InvalidPolicyException.class, () -> parser.parse(yaml));

    assertThat(e.violations())
        .extracting(PolicyViolation::path)
        .containsExactly(
            "attestors[0].note", "defaultRule.attestors[1]", "namespaces.payments.minimum");
    assertThat(e.getMessage())
        .startsWith("invalid policy:\n")
        .contains("namespaces.payments.minimum: 2 is greater than the 1 attestors listed");
  }
}
