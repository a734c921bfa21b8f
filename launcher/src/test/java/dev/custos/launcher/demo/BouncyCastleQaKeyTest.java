package dev.custos.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fallback key for machines without gpg, checked here with the real gpg. */
class BouncyCastleQaKeyTest {

  private static final String DIGEST = Walkthrough.DIGEST + "\n";

  @TempDir Path gnupgHome;

  @Test
  void clearSignedDigestVerifiesWithGpg() throws Exception {
    BouncyCastleQaKey key = BouncyCastleQaKey.generate();
    Path publicKey = gnupgHome.resolve("qa.asc");
    Path message = gnupgHome.resolve("digest.txt.asc");
    Files.writeString(publicKey, key.armoredPublicKey(), StandardCharsets.US_ASCII);
    Files.writeString(message, key.clearSign(DIGEST), StandardCharsets.UTF_8);
    gpg("--import", publicKey.toString());

    String verified = gpg("--status-fd", "1", "--verify", message.toString());

    assertThat(verified).contains("[GNUPG:] VALIDSIG " + key.fingerprint());
    assertThat(Files.readString(message))
        .contains("\n\n" + DIGEST + "-----BEGIN PGP SIGNATURE-----");
  }

  @Test
  void editedClearTextFailsWithGpg() throws Exception {
    BouncyCastleQaKey key = BouncyCastleQaKey.generate();
    Path publicKey = gnupgHome.resolve("qa.asc");
    Path message = gnupgHome.resolve("digest.txt.asc");
    Files.writeString(publicKey, key.armoredPublicKey(), StandardCharsets.US_ASCII);
    String signed = key.clearSign(DIGEST);
    Files.writeString(
        message, signed.replace("sha256:e58f", "sha256:e58e"), StandardCharsets.UTF_8);
    gpg("--import", publicKey.toString());

    Process verify = start("--status-fd", "1", "--verify", message.toString());
    String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(verify.waitFor(30, TimeUnit.SECONDS)).isTrue();

    assertThat(verify.exitValue()).isNotZero();
    assertThat(output).contains("[GNUPG:] BADSIG");
  }

  @Test
  void dashLinesAreEscaped() {
    BouncyCastleQaKey key = BouncyCastleQaKey.generate();

    assertThat(key.clearSign("-a line\n")).contains("\n- -a line\n");
  }

  private String gpg(String... arguments) throws Exception {
    Process process = start(arguments);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("gpg %s: %s", List.of(arguments), output).isZero();
    return output;
  }

  private Process start(String... arguments) throws Exception {
    List<String> command =
        new ArrayList<>(List.of("gpg", "--batch", "--homedir", gnupgHome.toString()));
    command.addAll(List.of(arguments));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }
}
