package dev.custos.signer.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.events.image.ImageReference;
import dev.custos.signer.SignerConfig;
import dev.custos.signer.workflow.RepositoryPattern;
import dev.custos.signer.workflow.VulnerabilityPolicy;
import dev.custos.signer.workflow.WorkflowRule;
import dev.custos.signer.workflow.WorkflowRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signing keys read from {@code custos.signer.keys}, with keys that the real {@code gpg} and {@code
 * openssl} generate, and the configuration errors that stop the startup.
 */
class ConfiguredKeysTest {
  private static final String AUTHORITY = "projects/custos/notes/release";
  private static final String GPG_PASSPHRASE = "gpg config passphrase";
  private static final String PEM_PASSPHRASE = "pem config passphrase";

  private static Path gnupgHome;
  private static Path workDir;
  private static String gpgFingerprint;

  @BeforeAll
  static void generateKeys() throws IOException {
    gnupgHome = Files.createTempDirectory("custos-keys-gpg");
    workDir = Files.createTempDirectory("custos-keys");
    Files.setPosixFilePermissions(gnupgHome, PosixFilePermissions.fromString("rwx------"));

    String userId = "Custos configured key <keys@custos.test>";
    gpg(
            "gpg",
            "--batch",
            "--pinentry-mode",
            "loopback",
            "--passphrase",
            GPG_PASSPHRASE,
            "--quick-generate-key",
            userId,
            "ed25519",
            "sign",
            "never")
        .requireSuccess();
    String listing = gpg("gpg", "--batch", "--with-colons", "--list-secret-keys", userId).stdout();
    gpgFingerprint =
        listing
            .lines()
            .filter(line -> line.startsWith("fpr:"))
            .findFirst()
            .orElseThrow()
            .split(":")[9];
    String armored =
        gpg(
                "gpg",
                "--batch",
                "--pinentry-mode",
                "loopback",
                "--passphrase",
                GPG_PASSPHRASE,
                "--armor",
                "--export-secret-keys",
                gpgFingerprint)
            .requireSuccess()
            .stdout();
    Files.writeString(workDir.resolve("release.asc"), armored);
    Files.writeString(workDir.resolve("pem-passphrase"), PEM_PASSPHRASE + "\n");

    ExternalTool.run(
            workDir,
            "openssl",
            "genpkey",
            "-algorithm",
            "EC",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-aes-256-cbc",
            "-pass",
            "pass:" + PEM_PASSPHRASE,
            "-out",
            "ec.encrypted.pem")
        .requireSuccess();
    ExternalTool.run(
            workDir,
            "openssl",
            "pkey",
            "-in",
            "ec.encrypted.pem",
            "-passin",
            "pass:" + PEM_PASSPHRASE,
            "-pubout",
            "-out",
            "ec.pub.pem")
        .requireSuccess();
  }

  @AfterAll
  static void removeKeys() throws IOException {
    gpg("gpgconf", "--kill", "all");
    ExternalTool.deleteTree(gnupgHome);
    ExternalTool.deleteTree(workDir);
  }

  @Test
  void openPgpKeyWithPassphraseFromEnvironment() throws IOException {
    SignerConfig.Key key =
        key(SignerConfig.KeyFormat.OPENPGP, file("release.asc"), env("RELEASE_PASSPHRASE"));
    Function<String, String> environment = Map.of("RELEASE_PASSPHRASE", GPG_PASSPHRASE)::get;

    ConfiguredKeys keys =
        ConfiguredKeys.load(Map.of("release-gpg", key), rules("release-gpg"), environment);

    SigningKey signingKey = keys.forRule(rules("release-gpg").rules().get(0));
    assertThat(signingKey.publicKeyId()).isEqualTo(gpgFingerprint);
    assertThat(keys.authorities()).isEqualTo(Map.of("release-gpg", AUTHORITY));
    SignedPayload signed = signingKey.sign(payload());
    Path payloadFile = Files.write(workDir.resolve("payload.json"), signed.payload());
    Path signatureFile = Files.write(workDir.resolve("payload.sig"), signed.signature());
    ExternalTool.Result verified =
        gpg(
            "gpg",
            "--batch",
            "--status-fd",
            "1",
            "--verify",
            signatureFile.toString(),
            payloadFile.toString());
    assertThat(verified.exitCode()).as(verified.stderr()).isZero();
    assertThat(verified.stdout()).contains("[GNUPG:] VALIDSIG " + gpgFingerprint);
  }

  @Test
  void encryptedPemWithPassphraseFromFile() throws IOException {
    SignerConfig.Key key =
        key(SignerConfig.KeyFormat.PKIX, file("ec.encrypted.pem"), file("pem-passphrase"));

    ConfiguredKeys keys =
        ConfiguredKeys.load(Map.of("release-ec", key), rules("release-ec"), name -> null);

    SignedPayload signed = keys.find("release-ec").orElseThrow().sign(payload());
    Path payloadFile = Files.write(workDir.resolve("ec-payload.json"), signed.payload());
    Path signatureFile = Files.write(workDir.resolve("ec-payload.sig"), signed.signature());
    ExternalTool.Result verified =
        ExternalTool.run(
            workDir,
            "openssl",
            "dgst",
            "-sha256",
            "-verify",
            "ec.pub.pem",
            "-signature",
            signatureFile.toString(),
            payloadFile.toString());
    assertThat(verified.exitCode()).as(verified.stderr()).isZero();
    assertThat(keys.toString()).doesNotContain("PRIVATE").contains("<redacted>");
  }

  @Test
  void passphraseInConfigurationRejected() {
    SignerConfig.Key key =
        key(SignerConfig.KeyFormat.PKIX, file("ec.encrypted.pem"), value(PEM_PASSPHRASE));

    assertThatThrownBy(() -> ConfiguredKeys.load(Map.of("release-ec", key), rules(), name -> null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("custos.signer.keys.release-ec.passphrase.value")
        .hasMessageContaining(".env or")
        .hasMessageNotContaining(PEM_PASSPHRASE);
  }

  @Test
  void wrongPassphraseNamesProperty() {
    SignerConfig.Key key =
        key(SignerConfig.KeyFormat.OPENPGP, file("release.asc"), env("RELEASE_PASSPHRASE"));
    Function<String, String> environment =
        Map.of("RELEASE_PASSPHRASE", "not-the-passphrase-7391")::get;

    assertThatThrownBy(() -> ConfiguredKeys.load(Map.of("release-gpg", key), rules(), environment))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(
            "custos.signer.keys.release-gpg.private-key cannot be loaded as OPENPGP")
        .hasMessageContaining("wrong passphrase or damaged key")
        .hasMessageNotContaining("not-the-passphrase-7391");
  }

  @Test
  void notAKeyNamesPropertyWithoutContent() {
    SignerConfig.Key key =
        key(SignerConfig.KeyFormat.PKIX, value("not a key but a secret-looking text"), none());

    assertThatThrownBy(() -> ConfiguredKeys.load(Map.of("release-ec", key), rules(), name -> null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("custos.signer.keys.release-ec.private-key cannot be loaded as PKIX")
        .hasMessageNotContaining("secret-looking");
  }

  @Test
  void missingPrivateKeySourceRejected() {
    SignerConfig.Key key = key(SignerConfig.KeyFormat.PKIX, none(), none());

    assertThatThrownBy(() -> ConfiguredKeys.load(Map.of("release-ec", key), rules(), name -> null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("custos.signer.keys.release-ec.private-key.env, .file or .value");
  }

  @Test
  void fingerprintOnPkixKeyRejected() {
    SignerConfig.Key key =
        new TestKey(
            AUTHORITY,
            SignerConfig.KeyFormat.PKIX,
            file("ec.encrypted.pem"),
            file("pem-passphrase"),
            Optional.of(gpgFingerprint));

    assertThatThrownBy(() -> ConfiguredKeys.load(Map.of("release-ec", key), rules(), name -> null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("custos.signer.keys.release-ec.fingerprint");
  }

  @Test
  void ruleWithUnknownKeyRejected() {
    SignerConfig.Key key =
        key(SignerConfig.KeyFormat.PKIX, file("ec.encrypted.pem"), file("pem-passphrase"));

    assertThatThrownBy(
            () ->
                ConfiguredKeys.load(Map.of("release-ec", key), rules("release-2027"), name -> null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("custos.signer.workflows[0].key-name is 'release-2027'")
        .hasMessageContaining("custos.signer.keys.release-2027")
        .hasMessageContaining("[release-ec]");
  }

  @Test
  void ruleWithKeyOfOtherAuthorityRejected() {
    SignerConfig.Key key =
        new TestKey(
            "projects/custos/notes/qa",
            SignerConfig.KeyFormat.PKIX,
            file("ec.encrypted.pem"),
            file("pem-passphrase"),
            Optional.empty());

    assertThatThrownBy(
            () -> ConfiguredKeys.load(Map.of("qa-ec", key), rules("qa-ec"), name -> null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("a key of authority projects/custos/notes/qa")
        .hasMessageContaining("signs for " + AUTHORITY);
  }

  private static WorkflowRules rules(String... keyNames) {
    List<WorkflowRule> rules = new java.util.ArrayList<>();
    for (int i = 0; i < keyNames.length; i++) {
      rules.add(
          new WorkflowRule(
              "rule-" + i,
              new RepositoryPattern("registry.example.com/team" + i + "/**"),
              AUTHORITY,
              keyNames[i],
              VulnerabilityPolicy.ALLOW_ALL,
              false,
              null,
              false));
    }
    return WorkflowRules.of(rules);
  }

  private static SimpleSigningPayload payload() {
    return SimpleSigningPayload.create(
        ImageReference.parse("registry.example.com/team/app:1.0@sha256:" + "f".repeat(64)),
        "custos-signer test",
        Instant.ofEpochSecond(1796394818));
  }

  private static SignerConfig.Key key(
      SignerConfig.KeyFormat format,
      SignerConfig.SecretReference privateKey,
      SignerConfig.SecretReference passphrase) {
    return new TestKey(AUTHORITY, format, privateKey, passphrase, Optional.empty());
  }

  private static SignerConfig.SecretReference file(String name) {
    return new TestSecret(Optional.empty(), Optional.of(workDir.resolve(name)), Optional.empty());
  }

  private static SignerConfig.SecretReference env(String variable) {
    return new TestSecret(Optional.of(variable), Optional.empty(), Optional.empty());
  }

  private static SignerConfig.SecretReference value(String value) {
    return new TestSecret(Optional.empty(), Optional.empty(), Optional.of(value));
  }

  private static SignerConfig.SecretReference none() {
    return new TestSecret(Optional.empty(), Optional.empty(), Optional.empty());
  }

  private record TestSecret(Optional<String> env, Optional<Path> file, Optional<String> value)
      implements SignerConfig.SecretReference {}

  private record TestKey(
      String authority,
      SignerConfig.KeyFormat format,
      SignerConfig.SecretReference privateKey,
      SignerConfig.SecretReference passphrase,
      Optional<String> fingerprint)
      implements SignerConfig.Key {}

  private static ExternalTool.Result gpg(String... command) {
    return ExternalTool.run(workDir, Map.of("GNUPGHOME", gnupgHome.toString()), List.of(command));
  }
}
