package dev.custos.launcher;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * The development keys of a local run, generated at its first start and kept in {@code keys/}
 * across restarts: a CA and the admission service's TLS certificate signed by it, the signer's
 * ECDSA P-256 key of the {@code built-by-ci} authority, and the audit log's Ed25519 checkpoint key.
 * They exist for this machine only; production keys come from the operator.
 */
public final class DevelopmentKeys {

  private static final Duration VALIDITY = Duration.ofDays(365);
  private static final SecureRandom RANDOM = new SecureRandom();

  private DevelopmentKeys() {}

  /** Generates every key of {@code home} that does not exist yet, and leaves the others. */
  public static void ensure(Home home) {
    try {
      Files.createDirectories(home.keys());
      if (!Files.exists(home.tlsCertificate()) || !Files.exists(home.tlsAuthority())) {
        writeTls(home);
      }
      if (!Files.exists(home.signerKey())) {
        KeyPair signer = generateEc();
        writePrivate(home.signerKey(), signer.getPrivate());
        writePem(
            home.signerPublicKey(), new PemObject("PUBLIC KEY", signer.getPublic().getEncoded()));
      }
      if (!Files.exists(home.auditSigningKey())) {
        KeyPair audit = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        writePrivate(home.auditSigningKey(), audit.getPrivate());
      }
    } catch (IOException e) {
      throw new LauncherException(
          "writing the development keys under " + home.keys() + " failed", e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new LauncherException("generating the development keys failed", e);
    }
  }

  /** Returns the signer's public key as PEM, for the {@code built-by-ci} attestor of the policy. */
  public static String signerPublicKey(Home home) {
    try {
      return Files.readString(home.signerPublicKey(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "reading " + home.signerPublicKey() + " failed; start with --clean to make new keys", e);
    }
  }

  private static void writeTls(Home home)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    KeyPair authorityKey = generateEc();
    X500Name authorityName = new X500Name("CN=Custos local development CA");
    Instant now = Instant.now();
    X509v3CertificateBuilder authority =
        new JcaX509v3CertificateBuilder(
            authorityName,
            serial(),
            Date.from(now.minus(Duration.ofMinutes(5))),
            Date.from(now.plus(VALIDITY)),
            authorityName,
            authorityKey.getPublic());
    authority.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
    authority.addExtension(
        Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    X509CertificateHolder authorityCertificate = authority.build(signer(authorityKey.getPrivate()));

    KeyPair serverKey = generateEc();
    X509v3CertificateBuilder server =
        new JcaX509v3CertificateBuilder(
            authorityName,
            serial(),
            Date.from(now.minus(Duration.ofMinutes(5))),
            Date.from(now.plus(VALIDITY)),
            new X500Name("CN=localhost"),
            serverKey.getPublic());
    server.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    server.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    server.addExtension(
        Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    server.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(
            new GeneralName[] {
              new GeneralName(GeneralName.dNSName, "localhost"),
              new GeneralName(
                  GeneralName.iPAddress, InetAddress.getLoopbackAddress().getHostAddress())
            }));
    X509CertificateHolder serverCertificate = server.build(signer(authorityKey.getPrivate()));

    writePrivate(home.tlsAuthorityKey(), authorityKey.getPrivate());
    writePem(home.tlsAuthority(), new PemObject("CERTIFICATE", authorityCertificate.getEncoded()));
    writePrivate(home.tlsKey(), serverKey.getPrivate());
    writePem(
        home.tlsCertificate(),
        new PemObject("CERTIFICATE", serverCertificate.getEncoded()),
        new PemObject("CERTIFICATE", authorityCertificate.getEncoded()));
  }

  private static KeyPair generateEc() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return generator.generateKeyPair();
  }

  private static ContentSigner signer(PrivateKey key) throws OperatorCreationException {
    return new JcaContentSignerBuilder("SHA256withECDSA").build(key);
  }

  private static BigInteger serial() {
    return new BigInteger(64, RANDOM).abs().add(BigInteger.ONE);
  }

  /** Writes a PKCS#8 private key as PEM, readable by its owner only. */
  private static void writePrivate(Path file, PrivateKey key) throws IOException {
    writePem(file, new PemObject("PRIVATE KEY", key.getEncoded()));
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // NOTE: a file system without POSIX permissions keeps its default mode for the key.
    }
  }

  private static void writePem(Path file, PemObject... objects) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      for (PemObject object : List.of(objects)) {
        writer.writeObject(object);
      }
    }
    Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
  }
}
