package dev.custos.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevelopmentPolicyTest {

  private static final String PEM =
      "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n";

  @TempDir Path folder;

  @Test
  void requiresEveryAttestorWithIndentedKeys() {
    String yaml =
        DevelopmentPolicy.render(
            List.of(
                new DevelopmentPolicy.Attestor(
                    "built-by-ci", DevelopmentPolicy.BUILT_BY_CI_NOTE, PEM),
                new DevelopmentPolicy.Attestor(
                    "qa",
                    "projects/qa/notes/qa",
                    "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQINBF\n-----END PGP PUBLIC KEY BLOCK-----\n")));

    assertThat(yaml)
        .contains("  - name: built-by-ci\n    note: projects/custos/notes/built-by-ci\n")
        .contains(
            "      - key: |\n          -----BEGIN PUBLIC KEY-----\n          MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n")
        .contains("          -----BEGIN PGP PUBLIC KEY BLOCK-----\n\n          mQINBF\n")
        .contains("  evaluationMode: REQUIRE_ATTESTATION\n  attestors: [built-by-ci, qa]\n");
  }

  @Test
  void ensureKeepsAnEditedPolicy() throws Exception {
    Home home = new Home(folder);
    DevelopmentKeys.ensure(home);
    DevelopmentPolicy.ensure(home);
    assertThat(Files.readString(home.policy()))
        .contains("attestors: [built-by-ci]")
        .contains(DevelopmentKeys.signerPublicKey(home).lines().skip(1).findFirst().orElseThrow());
    Files.writeString(home.policy(), "# edited\n");

    DevelopmentPolicy.ensure(home);

    assertThat(Files.readString(home.policy())).isEqualTo("# edited\n");
  }
}
