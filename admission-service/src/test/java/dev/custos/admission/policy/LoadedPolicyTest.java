package dev.custos.admission.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class LoadedPolicyTest {
  private final PolicyParser parser = new PolicyParser("custos");

  @Test
  void examplePolicyKeysParse() throws Exception {
    LoadedPolicy loaded = LoadedPolicy.of(parser.parse(resource("/policy/example-policy.yaml")));

    assertThat(loaded.attestors()).containsOnlyKeys("build", "qa", "security");
    assertThat(loaded.attestors().get("build").keys()).hasSize(1);
    assertThat(loaded.attestors().get("build").keys().get(0).id()).isEqualTo("build-ec-2026");
    assertThat(loaded.revision()).startsWith("sha256:");
  }

  @Test
  void damagedKeyRejectedWithPath() throws Exception {
    String yaml =
        """
        attestors:
          - name: qa
            note: projects/custos/notes/qa
            publicKeys:
              - key: |
                  -----BEGIN PUBLIC KEY-----
                  bm90IGEga2V5
                  -----END PUBLIC KEY-----
        defaultRule:
          evaluationMode: REQUIRE_ATTESTATION
        """;
    Policy policy = parser.parse(yaml);

    assertThatThrownBy(() -> LoadedPolicy.of(policy))
        .isInstanceOf(InvalidPolicyException.class)
        .satisfies(
            e -> {
              InvalidPolicyException invalid = (InvalidPolicyException) e;
              assertThat(invalid.violations()).hasSize(1);
              assertThat(invalid.violations().get(0).path())
                  .isEqualTo("attestors[0].publicKeys[0].key");
              assertThat(invalid.violations().get(0).message()).contains("attestor \"qa\"");
            });
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = LoadedPolicyTest.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }
}
