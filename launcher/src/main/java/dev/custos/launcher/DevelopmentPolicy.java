package dev.custos.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The admission policy of a local run: every namespace but the exempt ones requires the
 * attestations of the listed attestors. The launcher writes it with the signer's {@code
 * built-by-ci} key; the walkthrough adds the {@code qa} attestor.
 */
public final class DevelopmentPolicy {

  /** The note of the signer's authority, as the signer's workflow rule names it. */
  public static final String BUILT_BY_CI_NOTE = "projects/custos/notes/built-by-ci";

  private DevelopmentPolicy() {}

  /** An attestor of the policy: its name, its note and one public key in PEM or armored OpenPGP. */
  public record Attestor(String name, String note, String publicKey) {}

  /** Writes the launcher's policy unless {@code home} already has one. */
  public static void ensure(Home home) {
    if (Files.exists(home.policy())) {
      return;
    }
    Attestor builtByCi =
        new Attestor("built-by-ci", BUILT_BY_CI_NOTE, DevelopmentKeys.signerPublicKey(home));
    write(home.policy(), List.of(builtByCi));
  }

  /**
   * Writes a policy that requires every one of {@code attestors}, replacing the file in one move so
   * that the admission service never reads half of it.
   */
  public static void write(Path file, List<Attestor> attestors) {
    try {
      Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(temporary, render(attestors), StandardCharsets.UTF_8);
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new LauncherException("writing the policy " + file + " failed", e);
    }
  }

  /** Returns the policy YAML; every field is described in admission-service/README.md. */
  public static String render(List<Attestor> attestors) {
    StringBuilder yaml = new StringBuilder();
    yaml.append("# Admission policy of the local run, written by the launcher.\n");
    yaml.append("# The admission service reads it again within a second of a change.\n");
    yaml.append("attestors:\n");
    for (Attestor attestor : attestors) {
      yaml.append("  - name: ").append(attestor.name()).append('\n');
      yaml.append("    note: ").append(attestor.note()).append('\n');
      yaml.append("    publicKeys:\n");
      yaml.append("      - key: |\n");
      for (String line : attestor.publicKey().strip().split("\r?\n", -1)) {
        yaml.append(line.isEmpty() ? "" : "          " + line).append('\n');
      }
    }
    yaml.append("\ndefaultRule:\n");
    yaml.append("  evaluationMode: REQUIRE_ATTESTATION\n");
    yaml.append("  attestors: [");
    yaml.append(String.join(", ", attestors.stream().map(Attestor::name).toList()));
    yaml.append("]\n");
    yaml.append("  enforcementMode: ENFORCED_BLOCK_AND_AUDIT_LOG\n");
    return yaml.toString();
  }
}
