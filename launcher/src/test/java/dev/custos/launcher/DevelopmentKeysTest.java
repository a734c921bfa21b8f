package dev.custos.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks the generated keys with the real openssl, as a TLS client and an operator would. */
class DevelopmentKeysTest {

  @TempDir Path folder;

  @Test
  void certificateVerifiesAgainstDevelopmentCa() throws Exception {
    Home home = new Home(folder);
    DevelopmentKeys.ensure(home);

    String verify =
        openssl(
            "verify",
            "-CAfile",
            home.tlsAuthority().toString(),
            "-purpose",
            "sslserver",
            "-verify_ip",
            "127.0.0.1",
            "-verify_hostname",
            "localhost",
            home.tlsCertificate().toString());

    assertThat(verify).contains(home.tlsCertificate() + ": OK");
  }

  @Test
  void privateKeysAreOwnerOnlyPkcs8() throws Exception {
    Home home = new Home(folder);
    DevelopmentKeys.ensure(home);

    for (Path key :
        List.of(home.tlsKey(), home.tlsAuthorityKey(), home.signerKey(), home.auditSigningKey())) {
      assertThat(Files.readString(key, StandardCharsets.US_ASCII))
          .as(key.toString())
          .startsWith("-----BEGIN PRIVATE KEY-----");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
          .as(key.toString())
          .isEqualTo("rw-------");
    }
    assertThat(openssl("pkey", "-in", home.auditSigningKey().toString(), "-noout", "-text"))
        .contains("ED25519");
    assertThat(openssl("pkey", "-in", home.signerKey().toString(), "-noout", "-text"))
        .contains("prime256v1");
  }

  @Test
  void existingKeysAreKept() throws Exception {
    Home home = new Home(folder);
    DevelopmentKeys.ensure(home);
    byte[] certificate = Files.readAllBytes(home.tlsCertificate());
    byte[] signer = Files.readAllBytes(home.signerKey());
    byte[] audit = Files.readAllBytes(home.auditSigningKey());

    DevelopmentKeys.ensure(home);

    assertThat(Files.readAllBytes(home.tlsCertificate())).isEqualTo(certificate);
    assertThat(Files.readAllBytes(home.signerKey())).isEqualTo(signer);
    assertThat(Files.readAllBytes(home.auditSigningKey())).isEqualTo(audit);
  }

  private static String openssl(String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("%s: %s", command, output).isZero();
    return output;
  }
}
