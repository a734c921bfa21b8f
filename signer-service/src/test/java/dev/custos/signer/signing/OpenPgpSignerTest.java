package dev.custos.signer.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.events.image.ImageReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Signatures checked by the real {@code gpg --verify}, with keys that GnuPG generates in a
 * temporary home directory and exports with {@code --export-secret-keys --armor}.
 */
class OpenPgpSignerTest {
  private static final String PASSPHRASE = "correct horse battery staple";

  /** A generated key: its armored secret key ring, fingerprint and passphrase ("" for none). */
  private record GpgKey(String armoredSecretKey, String fingerprint, String passphrase) {}

  private static final Map<String, GpgKey> KEYS = new LinkedHashMap<>();
  private static Path gnupgHome;
  private static Path workDir;
  private static byte[] payload;

  @BeforeAll
  static void generateKeys() throws IOException {
    gnupgHome = Files.createTempDirectory("custos-gpg");
    workDir = Files.createTempDirectory("custos-gpg-work");
    Files.setPosixFilePermissions(gnupgHome, PosixFilePermissions.fromString("rwx------"));

    KEYS.put("rsa3072-protected", generate("rsa3072", PASSPHRASE));
    KEYS.put("rsa3072-plain", generate("rsa3072", ""));
    KEYS.put("ed25519-protected", generate("ed25519", PASSPHRASE));
    KEYS.put("ed25519-plain", generate("ed25519", ""));
    KEYS.put("ed25519-subkey", generateWithSigningSubkey());

    ImageReference image =
        ImageReference.parse("registry.example.com/team/app:1.0@sha256:" + "e".repeat(64));
    payload =
        SimpleSigningPayload.create(image, "custos-signer test", Instant.ofEpochSecond(1796394818))
            .serialized();
  }

  @AfterAll
  static void removeKeys() throws IOException {
    if (gnupgHome != null) {
      gpg("gpgconf", "--kill", "all");
      ExternalTool.deleteTree(gnupgHome);
    }
    if (workDir != null) {
      ExternalTool.deleteTree(workDir);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"rsa3072-protected", "rsa3072-plain", "ed25519-protected", "ed25519-plain"})
  void detachedSignaturePassesGpg(String keyName) throws IOException {
    OpenPgpSigner signer = load(keyName);
    Path payloadFile = write("payload.json", payload);
    Path signature = write(keyName + ".sig", signer.sign(payload));

    ExternalTool.Result result = verify(signature, payloadFile);

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).contains("[GNUPG:] VALIDSIG " + KEYS.get(keyName).fingerprint());
  }

  @ParameterizedTest
  @ValueSource(strings = {"rsa3072-protected", "ed25519-plain"})
  void armoredSignaturePassesGpg(String keyName) throws IOException {
    OpenPgpSigner signer = load(keyName);
    String armored = signer.signDetachedArmored(payload);
    Path payloadFile = write("payload.json", payload);
    Path signature = write(keyName + ".asc", armored.getBytes(StandardCharsets.US_ASCII));

    ExternalTool.Result result = verify(signature, payloadFile);

    assertThat(armored).startsWith("-----BEGIN PGP SIGNATURE-----");
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).contains("[GNUPG:] VALIDSIG " + KEYS.get(keyName).fingerprint());
  }

  @ParameterizedTest
  @ValueSource(strings = {"rsa3072-plain", "ed25519-protected"})
  void inlineSignaturePassesGpg(String keyName) throws IOException {
    OpenPgpSigner signer = load(keyName);
    Path message = write(keyName + ".gpg", signer.signInline(payload));

    ExternalTool.Result verified = verify(message);
    ExternalTool.Result decrypted = gpg("gpg", "--batch", "--decrypt", message.toString());

    assertThat(verified.exitCode()).as(verified.stderr()).isZero();
    assertThat(verified.stdout()).contains("[GNUPG:] VALIDSIG " + KEYS.get(keyName).fingerprint());
    assertThat(decrypted.stdout()).isEqualTo(new String(payload, StandardCharsets.UTF_8));
  }

  @Test
  void armoredInlineSignaturePassesGpg() throws IOException {
    OpenPgpSigner signer = load("ed25519-plain");
    String armored = signer.signInlineArmored(payload);
    Path message = write("inline.asc", armored.getBytes(StandardCharsets.US_ASCII));

    ExternalTool.Result result = verify(message);

    assertThat(armored).startsWith("-----BEGIN PGP MESSAGE-----");
    assertThat(result.exitCode()).as(result.stderr()).isZero();
  }

  @Test
  void signingSubkeyMakesSignature() throws IOException {
    GpgKey key = KEYS.get("ed25519-subkey");
    OpenPgpSigner signer = load("ed25519-subkey");
    Path payloadFile = write("payload.json", payload);
    Path signature = write("subkey.sig", signer.sign(payload));

    ExternalTool.Result result = verify(signature, payloadFile);

    assertThat(signer.publicKeyId()).isEqualTo(key.fingerprint());
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).contains("[GNUPG:] VALIDSIG " + key.fingerprint());
  }

  @ParameterizedTest
  @ValueSource(strings = {"rsa3072-plain", "ed25519-plain"})
  void editedPayloadFailsGpg(String keyName) throws IOException {
    OpenPgpSigner signer = load(keyName);
    Path signature = write(keyName + ".sig", signer.sign(payload));
    Path edited = write("edited.json", edit(payload));

    ExternalTool.Result result = verify(signature, edited);

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stdout()).contains("[GNUPG:] BADSIG").doesNotContain("VALIDSIG");
  }

  @ParameterizedTest
  @ValueSource(strings = {"rsa3072-plain", "ed25519-plain"})
  void editedInlineMessageFailsGpg(String keyName) throws IOException {
    OpenPgpSigner signer = load(keyName);
    Path message = write(keyName + "-edited.gpg", edit(signer.signInline(payload)));

    ExternalTool.Result result = verify(message);

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stdout()).doesNotContain("VALIDSIG");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"rsa3072-protected", "rsa3072-plain", "ed25519-protected", "ed25519-plain"})
  void publicKeyIdIsFullFingerprint(String keyName) {
    String fingerprint = load(keyName).publicKeyId();

    assertThat(fingerprint).isEqualTo(KEYS.get(keyName).fingerprint());
    assertThat(fingerprint).matches("[0-9A-F]{40}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"rsa3072-protected", "ed25519-protected"})
  void wrongPassphraseIsRejected(String keyName) {
    String armored = KEYS.get(keyName).armoredSecretKey();

    assertThatThrownBy(() -> OpenPgpSigner.fromSecretKeyRing(armored, "wrong".toCharArray()))
        .isInstanceOf(InvalidSigningKeyException.class)
        .hasMessageContaining("wrong passphrase");
  }

  @Test
  void missingPassphraseIsRejected() {
    String armored = KEYS.get("rsa3072-protected").armoredSecretKey();

    assertThatThrownBy(() -> OpenPgpSigner.fromSecretKeyRing(armored, null))
        .isInstanceOf(InvalidSigningKeyException.class);
  }

  @Test
  void keyIsSelectedByFingerprint() {
    GpgKey key = KEYS.get("ed25519-plain");
    String both = KEYS.get("rsa3072-plain").armoredSecretKey() + "\n" + key.armoredSecretKey();

    OpenPgpSigner signer =
        OpenPgpSigner.fromSecretKeyRing(both, key.fingerprint().toLowerCase(Locale.ROOT), null);

    assertThat(signer.publicKeyId()).isEqualTo(key.fingerprint());
  }

  @Test
  void unknownFingerprintIsRejected() {
    String armored = KEYS.get("ed25519-plain").armoredSecretKey();

    assertThatThrownBy(() -> OpenPgpSigner.fromSecretKeyRing(armored, "AB".repeat(20), null))
        .isInstanceOf(InvalidSigningKeyException.class)
        .hasMessageContaining("no signing key with fingerprint");
  }

  @Test
  void publicKeyRingIsRejected() {
    String publicKey =
        gpg("gpg", "--batch", "--armor", "--export", KEYS.get("ed25519-plain").fingerprint())
            .requireSuccess()
            .stdout();

    assertThatThrownBy(() -> OpenPgpSigner.fromSecretKeyRing(publicKey, null))
        .isInstanceOf(InvalidSigningKeyException.class);
  }

  @Test
  void toStringRedactsKey() {
    OpenPgpSigner signer = load("rsa3072-plain");

    assertThat(signer.toString())
        .contains(KEYS.get("rsa3072-plain").fingerprint())
        .contains("<redacted>");
  }

  private static OpenPgpSigner load(String keyName) {
    GpgKey key = KEYS.get(keyName);
    char[] passphrase = key.passphrase().isEmpty() ? null : key.passphrase().toCharArray();
    return OpenPgpSigner.fromSecretKeyRing(key.armoredSecretKey(), passphrase);
  }

  private static GpgKey generate(String algorithm, String passphrase) {
    String userId = "Custos test " + algorithm + " " + KEYS.size() + " <signer@custos.test>";
    gpg(
            "gpg",
            "--batch",
            "--pinentry-mode",
            "loopback",
            "--passphrase",
            passphrase,
            "--quick-generate-key",
            userId,
            algorithm,
            "sign",
            "never")
        .requireSuccess();

    String fingerprint = fingerprintOf(userId);
    String armored =
        gpg(
                "gpg",
                "--batch",
                "--pinentry-mode",
                "loopback",
                "--passphrase",
                passphrase,
                "--armor",
                "--export-secret-keys",
                fingerprint)
            .requireSuccess()
            .stdout();
    return new GpgKey(armored, fingerprint, passphrase);
  }

  /**
   * Generates a certify-only primary key with an Ed25519 signing subkey. The returned fingerprint
   * is the subkey's, since the subkey makes the signatures.
   */
  private static GpgKey generateWithSigningSubkey() {
    String userId = "Custos test subkey <subkey@custos.test>";
    gpg(
            "gpg",
            "--batch",
            "--pinentry-mode",
            "loopback",
            "--passphrase",
            "",
            "--quick-generate-key",
            userId,
            "ed25519",
            "cert",
            "never")
        .requireSuccess();
    String primary = fingerprintOf(userId);
    gpg(
            "gpg",
            "--batch",
            "--pinentry-mode",
            "loopback",
            "--passphrase",
            "",
            "--quick-add-key",
            primary,
            "ed25519",
            "sign",
            "never")
        .requireSuccess();

    String listing =
        gpg("gpg", "--batch", "--with-colons", "--list-secret-keys", primary)
            .requireSuccess()
            .stdout();
    List<String> fingerprints = new ArrayList<>();
    for (String line : listing.split("\n")) {
      if (line.startsWith("fpr:")) {
        fingerprints.add(line.split(":")[9]);
      }
    }
    String armored =
        gpg("gpg", "--batch", "--armor", "--export-secret-keys", primary).requireSuccess().stdout();
    return new GpgKey(armored, fingerprints.get(1), "");
  }

  /** Reads the primary key's fingerprint from the first {@code fpr} record of the listing. */
  private static String fingerprintOf(String userId) {
    String listing =
        gpg("gpg", "--batch", "--with-colons", "--list-secret-keys", "=" + userId)
            .requireSuccess()
            .stdout();
    for (String line : listing.split("\n")) {
      if (line.startsWith("fpr:")) {
        return line.split(":")[9];
      }
    }
    throw new IllegalStateException("gpg listed no fingerprint for " + userId + ": " + listing);
  }

  private static ExternalTool.Result verify(Path... files) {
    List<String> command =
        new ArrayList<>(List.of("gpg", "--batch", "--status-fd", "1", "--verify"));
    for (Path file : files) {
      command.add(file.toString());
    }
    return ExternalTool.run(workDir, Map.of("GNUPGHOME", gnupgHome.toString()), command);
  }

  private static ExternalTool.Result gpg(String... command) {
    return ExternalTool.run(workDir, Map.of("GNUPGHOME", gnupgHome.toString()), List.of(command));
  }

  private static Path write(String name, byte[] content) throws IOException {
    return Files.write(workDir.resolve(name), content);
  }

  /** Returns a copy with the payload's first {@code atomic} changed to {@code atomiq}. */
  private static byte[] edit(byte[] bytes) {
    byte[] copy = bytes.clone();
    byte[] marker = "atomic".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i + marker.length <= copy.length; i++) {
      if (Arrays.equals(copy, i, i + marker.length, marker, 0, marker.length)) {
        copy[i + marker.length - 1] = 'q';
        return copy;
      }
    }
    throw new IllegalStateException("the bytes do not contain the payload");
  }
}
