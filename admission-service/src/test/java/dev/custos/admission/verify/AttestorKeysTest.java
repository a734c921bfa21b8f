package dev.custos.admission.verify;

import static dev.custos.admission.verify.Occurrences.NOTE;
import static dev.custos.admission.verify.Occurrences.resourceText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AttestorKeysTest {
  @TempDir Path directory;

  @ParameterizedTest
  @CsvSource({
    "ec-p256.pub.pem, ECDSA_P256_SHA256, PKIX ECDSA P-256",
    "ed25519.pub.pem, ED25519, PKIX Ed25519",
    "rsa.pub.pem, RSA_SHA256, PKIX RSA 2048",
  })
  void pemKeyTypesParsed(String file, PkixAttestorKey.Scheme scheme, String description) {
    PkixAttestorKey key = AttestorKeys.parsePkix("qa", resourceText(file), null);

    assertThat(key.scheme()).isEqualTo(scheme);
    assertThat(key.description()).isEqualTo(description);
  }

  @Test
  void p384KeyParsed() {
    ExternalTool.assumeInstalled("openssl");
    String pem =
        OpenSslKey.generatePublicPem(
            directory, "p384", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384");

    PkixAttestorKey key = AttestorKeys.parsePkix("qa", pem, null);

    assertThat(key.scheme()).isEqualTo(PkixAttestorKey.Scheme.ECDSA_P384_SHA384);
  }

  @Test
  void mixedBlocksAllParsed() {
    String text =
        resourceText("attestor-rsa.pub.asc")
            + "\n"
            + resourceText("ec-p256.pub.pem")
            + resourceText("ed25519.pub.pem");

    List<AttestorKey> keys = AttestorKeys.parse("qa", text);

    assertThat(keys)
        .extracting(AttestorKey::description)
        .containsExactly("OpenPGP RSA 2048", "PKIX ECDSA P-256", "PKIX Ed25519");
  }

  @Test
  void explicitIdOverridesDefault() {
    PkixAttestorKey key = AttestorKeys.parsePkix("qa", resourceText("rsa.pub.pem"), "qa-rsa-1");

    assertThat(key.id()).isEqualTo("qa-rsa-1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "qa key"})
  void invalidExplicitIdRejected(String explicitId) {
    assertThatThrownBy(() -> AttestorKeys.parsePkix("qa", resourceText("rsa.pub.pem"), explicitId))
        .isInstanceOf(InvalidAttestorKeyException.class)
        .hasMessageStartingWith("invalid public key of attestor \"qa\": the key id");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "not a key"})
  void textWithoutKeyRejected(String text) {
    assertThatThrownBy(() -> AttestorKeys.parse("qa", text))
        .isInstanceOf(InvalidAttestorKeyException.class)
        .hasMessageStartingWith("invalid public key of attestor \"qa\"")
        .satisfies(
            e -> assertThat(((InvalidAttestorKeyException) e).attestorName()).isEqualTo("qa"));
  }

  @Test
  void privateKeyRejected() {
    ExternalTool.assumeInstalled("openssl");
    OpenSslKey.generate(OpenSslKey.Type.ED25519, directory, "private");
    String privatePem = readPrivatePem("private");

    assertThatThrownBy(() -> AttestorKeys.parse("qa", privatePem))
        .isInstanceOf(InvalidAttestorKeyException.class)
        .hasMessageContaining("contains a private key (PRIVATE KEY)")
        .hasMessageNotContaining(privatePem.split("\n")[1]);
  }

  @Test
  void openPgpPrivateKeyRejected() {
    String text =
        "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nAAAA\n-----END PGP PRIVATE KEY BLOCK-----\n";

    assertThatThrownBy(() -> AttestorKeys.parseOpenPgp("qa", text))
        .isInstanceOf(InvalidAttestorKeyException.class)
        .hasMessageContaining("PGP PRIVATE KEY BLOCK");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "secp256k1 | -algorithm EC -pkeyopt ec_paramgen_curve:secp256k1 | EC curve OID 1.3.132.0.10",
        "rsa1024 | -algorithm RSA -pkeyopt rsa_keygen_bits:1024 | 1024 bits, and the minimum is 2048",
        "rsapss | -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 | RSASSA-PSS keys",
        "ed448 | -algorithm ED448 | key algorithm OID 1.3.101.113",
      })
  void unsupportedPkixKeyRejected(String name, String options, String expected) {
    ExternalTool.assumeInstalled("openssl");
    String pem = OpenSslKey.generatePublicPem(directory, name, options.split(" "));

    assertThatThrownBy(() -> AttestorKeys.parsePkix("qa", pem, null))
        .isInstanceOf(InvalidAttestorKeyException.class)
        .hasMessageContaining(expected);
  }

  @Test
  void certificateBlockRejected() {
    String text = "-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n";

    assertThatThrownBy(() -> AttestorKeys.parse("qa", text))
        .isInstanceOf(InvalidAttestorKeyException.class)
        .hasMessageContaining("openssl x509 -pubkey -noout");
  }

  @Test
  void truncatedDerRejected() {
    String text = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQ==\n-----END PUBLIC KEY-----\n";

    assertThatThrownBy(() -> AttestorKeys.parsePkix("qa", text, null))
        .isInstanceOf(InvalidAttestorKeyException.class)
        .hasMessageContaining("not a SubjectPublicKeyInfo");
  }

  @Test
  void unterminatedBlockRejected() {
    String text = resourceText("ec-p256.pub.pem").replace("-----END PUBLIC KEY-----", "");

    assertThatThrownBy(() -> AttestorKeys.parse("qa", text))
        .isInstanceOf(InvalidAttestorKeyException.class)
        .hasMessageContaining("has no matching END line");
  }

  @Test
  void corruptOpenPgpArmorRejected() {
    String armored = resourceText("attestor-rsa.pub.asc");
    String corrupt = armored.replace("mQENBGsSzygBCADW6sGU", "mQENBGsSzygBCADW6sGV");

    assertThatThrownBy(() -> AttestorKeys.parseOpenPgp("qa", corrupt))
        .isInstanceOf(InvalidAttestorKeyException.class)
        .hasMessageContaining("cannot read the OpenPGP public key");
  }

  @Test
  void pemGivenAsOpenPgpRejected() {
    assertThatThrownBy(() -> AttestorKeys.parseOpenPgp("qa", resourceText("rsa.pub.pem")))
        .isInstanceOf(InvalidAttestorKeyException.class)
        .hasMessageContaining("gpg --export --armor");
  }

  @Test
  void attestorNoteNameValidated() {
    List<AttestorKey> keys = AttestorKeys.parse("qa", resourceText("ed25519.pub.pem"));

    assertThatThrownBy(() -> new Attestor("qa", "notes/qa", keys))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected projects/<project>/notes/<note>");
  }

  @Test
  void attestorDuplicateKeyIdRejected() {
    List<AttestorKey> keys = AttestorKeys.parse("qa", resourceText("ed25519.pub.pem"));
    List<AttestorKey> twice = List.of(keys.get(0), keys.get(0));

    assertThatThrownBy(() -> new Attestor("qa", NOTE, twice))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than once");
  }

  @Test
  void attestorWithoutKeysRejected() {
    assertThatThrownBy(() -> new Attestor("qa", NOTE, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no public key");
  }

  private String readPrivatePem(String name) {
    try {
      return Files.readString(directory.resolve(name + ".key.pem"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
