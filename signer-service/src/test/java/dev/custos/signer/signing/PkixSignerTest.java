package dev.custos.signer.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.events.image.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.util.io.pem.PemReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signatures checked by the real {@code openssl dgst -verify}, with keys from {@code openssl
 * genpkey}.
 */
class PkixSignerTest {
  private static final String PASSPHRASE = "pkcs8 passphrase";

  private static Path workDir;
  private static Path payloadFile;
  private static byte[] payload;

  @BeforeAll
  static void generateKeys() throws IOException {
    workDir = Files.createTempDirectory("custos-openssl");
    openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ec.pem");
    openssl("pkey", "-in", "ec.pem", "-pubout", "-out", "ec.pub.pem");
    openssl("pkey", "-in", "ec.pem", "-pubout", "-outform", "DER", "-out", "ec.pub.der");
    openssl("ec", "-in", "ec.pem", "-out", "ec.sec1.pem");
    openssl(
        "genpkey",
        "-algorithm",
        "EC",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-aes-256-cbc",
        "-pass",
        "pass:" + PASSPHRASE,
        "-out",
        "ec.encrypted.pem");
    openssl(
        "pkey",
        "-in",
        "ec.encrypted.pem",
        "-passin",
        "pass:" + PASSPHRASE,
        "-pubout",
        "-out",
        "ec.encrypted.pub.pem");
    openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:3072", "-out", "rsa.pem");
    openssl("pkey", "-in", "rsa.pem", "-pubout", "-out", "rsa.pub.pem");
    openssl("pkey", "-in", "rsa.pem", "-pubout", "-outform", "DER", "-out", "rsa.pub.der");

    ImageReference image =
        ImageReference.parse("registry.example.com/team/app@sha256:" + "d".repeat(64));
    payload =
        SimpleSigningPayload.create(image, "custos-signer test", Instant.ofEpochSecond(1796394818))
            .serialized();
    payloadFile = Files.write(workDir.resolve("payload.json"), payload);
  }

  @AfterAll
  static void removeKeys() throws IOException {
    if (workDir != null) {
      ExternalTool.deleteTree(workDir);
    }
  }

  @Test
  void ecdsaSignaturePassesOpenssl() throws IOException {
    PkixSigner signer = PkixSigner.fromPem(read("ec.pem"));
    Path signature = Files.write(workDir.resolve("ec.sig"), signer.sign(payload));

    ExternalTool.Result result = verify("ec.pub.pem", signature, payloadFile);

    assertThat(signer.algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).contains("Verified OK");
  }

  @Test
  void editedPayloadFailsOpenssl() throws IOException {
    PkixSigner signer = PkixSigner.fromPem(read("ec.pem"));
    Path signature = Files.write(workDir.resolve("ec-edited.sig"), signer.sign(payload));
    byte[] edited =
        new String(payload, StandardCharsets.UTF_8)
            .replace("atomic", "atomiq")
            .getBytes(StandardCharsets.UTF_8);
    Path editedFile = Files.write(workDir.resolve("edited.json"), edited);

    ExternalTool.Result result = verify("ec.pub.pem", signature, editedFile);

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stdout()).contains("Verification failure");
  }

  @Test
  void publicKeyIdHashesOpensslDer() throws IOException {
    PkixSigner signer = PkixSigner.fromPem(read("ec.pem"));
    byte[] opensslDer = Files.readAllBytes(workDir.resolve("ec.pub.der"));

    assertThat(signer.publicKeyDer()).isEqualTo(opensslDer);
    assertThat(signer.publicKeyId()).isEqualTo(PkixSigner.publicKeyId(opensslDer));
    assertThat(signer.publicKeyId()).matches("ni:///sha-256;[A-Za-z0-9_-]{43}");
  }

  @Test
  void publicKeyPemMatchesOpenssl() throws IOException {
    PkixSigner signer = PkixSigner.fromPem(read("ec.pem"));

    assertThat(signer.publicKeyPem().strip()).isEqualTo(read("ec.pub.pem").strip());
  }

  @Test
  void sampleKeyIdMatchesItsHash() throws IOException {
    byte[] der = pemContent(resource("openssl/ec-p256.pub.pem"));
    String hex = resource("openssl/ec-p256.pub.der.sha256").split("\\s+")[0];
    String expected =
        "ni:///sha-256;"
            + Base64.getUrlEncoder().withoutPadding().encodeToString(HexFormat.of().parseHex(hex));

    assertThat(PkixSigner.publicKeyId(der)).isEqualTo(expected);
  }

  @Test
  void sec1KeyLoadsSameKey() throws IOException {
    PkixSigner pkcs8 = PkixSigner.fromPem(read("ec.pem"));
    PkixSigner sec1 = PkixSigner.fromPem(read("ec.sec1.pem"));

    assertThat(read("ec.sec1.pem")).contains("BEGIN EC PRIVATE KEY");
    assertThat(sec1.publicKeyId()).isEqualTo(pkcs8.publicKeyId());
  }

  @Test
  void encryptedKeyPassesOpenssl() throws IOException {
    PkixSigner signer = PkixSigner.fromPem(read("ec.encrypted.pem"), PASSPHRASE.toCharArray());
    Path signature = Files.write(workDir.resolve("ec-encrypted.sig"), signer.sign(payload));

    ExternalTool.Result result = verify("ec.encrypted.pub.pem", signature, payloadFile);

    assertThat(result.exitCode()).as(result.stderr()).isZero();
  }

  @Test
  void wrongPassphraseIsRejected() {
    assertThatThrownBy(() -> PkixSigner.fromPem(read("ec.encrypted.pem"), "wrong".toCharArray()))
        .isInstanceOf(InvalidSigningKeyException.class)
        .hasMessageContaining("wrong passphrase");
  }

  @Test
  void missingPassphraseIsRejected() {
    assertThatThrownBy(() -> PkixSigner.fromPem(read("ec.encrypted.pem")))
        .isInstanceOf(InvalidSigningKeyException.class)
        .hasMessageContaining("needs a passphrase");
  }

  @Test
  void rsaPssSignaturePassesOpenssl() throws IOException {
    PkixSigner signer = PkixSigner.fromPem(read("rsa.pem"));
    Path signature = Files.write(workDir.resolve("rsa.sig"), signer.sign(payload));

    ExternalTool.Result result =
        ExternalTool.run(
            workDir,
            "openssl",
            "dgst",
            "-sha256",
            "-sigopt",
            "rsa_padding_mode:pss",
            "-sigopt",
            "rsa_pss_saltlen:32",
            "-verify",
            "rsa.pub.pem",
            "-signature",
            signature.toString(),
            payloadFile.toString());

    assertThat(signer.algorithm()).isEqualTo(SignatureAlgorithm.RSA_PSS_3072_SHA256);
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(signer.publicKeyDer()).isEqualTo(Files.readAllBytes(workDir.resolve("rsa.pub.der")));
  }

  @Test
  void smallRsaKeyIsRejected() throws IOException {
    openssl(
        "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "rsa2048.pem");

    assertThatThrownBy(() -> PkixSigner.fromPem(read("rsa2048.pem")))
        .isInstanceOf(InvalidSigningKeyException.class)
        .hasMessage("RSA keys must have 3072 or 4096 bits for RSA-PSS signing, got 2048");
  }

  @Test
  void otherCurveIsRejected() throws IOException {
    openssl(
        "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", "p384.pem");

    assertThatThrownBy(() -> PkixSigner.fromPem(read("p384.pem")))
        .isInstanceOf(InvalidSigningKeyException.class)
        .hasMessageStartingWith("unsupported EC curve");
  }

  @Test
  void ed25519KeyIsRejected() throws IOException {
    openssl("genpkey", "-algorithm", "ED25519", "-out", "ed25519.pem");

    assertThatThrownBy(() -> PkixSigner.fromPem(read("ed25519.pem")))
        .isInstanceOf(InvalidSigningKeyException.class)
        .hasMessageStartingWith("unsupported key algorithm");
  }

  @Test
  void publicKeyPemIsRejected() {
    assertThatThrownBy(() -> PkixSigner.fromPem(read("ec.pub.pem")))
        .isInstanceOf(InvalidSigningKeyException.class)
        .hasMessageStartingWith("expected a PEM private key");
  }

  @Test
  void toStringRedactsKey() throws IOException {
    String pem = read("ec.pem");
    PkixSigner signer = PkixSigner.fromPem(pem);
    String base64 = pem.lines().filter(line -> !line.startsWith("-----")).findFirst().orElseThrow();

    assertThat(signer.toString()).contains("<redacted>").doesNotContain(base64);
  }

  private static ExternalTool.Result verify(String publicKey, Path signature, Path file) {
    return ExternalTool.run(
        workDir,
        "openssl",
        "dgst",
        "-sha256",
        "-verify",
        publicKey,
        "-signature",
        signature.toString(),
        file.toString());
  }

  private static void openssl(String... arguments) {
    String[] command = new String[arguments.length + 1];
    command[0] = "openssl";
    System.arraycopy(arguments, 0, command, 1, arguments.length);
    ExternalTool.run(workDir, command).requireSuccess();
  }

  private static String read(String name) throws IOException {
    return Files.readString(workDir.resolve(name), StandardCharsets.US_ASCII);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = PkixSignerTest.class.getResourceAsStream("/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  private static byte[] pemContent(String pem) throws IOException {
    try (PemReader reader = new PemReader(new StringReader(pem))) {
      return reader.readPemObject().getContent();
    }
  }
}
