package dev.custos.launcher.demo;

import dev.custos.launcher.LauncherException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.BCPGOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;

/**
 * A QA key made with BouncyCastle where {@code gpg} is missing: an RSA-3072 OpenPGP key whose
 * clear-signed messages have the form that {@code gpg --clearsign} writes and verifies.
 */
final class BouncyCastleQaKey implements QaKey {

  private final PGPKeyPair keyPair;
  private final PGPPublicKeyRing publicKeyRing;

  private BouncyCastleQaKey(PGPKeyPair keyPair, PGPPublicKeyRing publicKeyRing) {
    this.keyPair = keyPair;
    this.publicKeyRing = publicKeyRing;
  }

  static BouncyCastleQaKey generate() {
    try {
      KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
      rsa.initialize(3072);
      PGPKeyPair keyPair =
          new JcaPGPKeyPair(
              PublicKeyPacket.VERSION_4,
              PublicKeyAlgorithmTags.RSA_GENERAL,
              rsa.generateKeyPair(),
              new Date());
      PGPSignatureSubpacketGenerator flags = new PGPSignatureSubpacketGenerator();
      flags.setKeyFlags(false, KeyFlags.SIGN_DATA | KeyFlags.CERTIFY_OTHER);
      flags.setPreferredHashAlgorithms(false, new int[] {HashAlgorithmTags.SHA256});
      PGPDigestCalculator sha1 =
          new JcaPGPDigestCalculatorProviderBuilder().build().get(HashAlgorithmTags.SHA1);
      PGPKeyRingGenerator rings =
          new PGPKeyRingGenerator(
              PGPSignature.POSITIVE_CERTIFICATION,
              keyPair,
              GpgQaKey.USER_ID,
              sha1,
              flags.generate(),
              null,
              new JcaPGPContentSignerBuilder(
                  PublicKeyAlgorithmTags.RSA_GENERAL, HashAlgorithmTags.SHA256),
              null);
      return new BouncyCastleQaKey(keyPair, rings.generatePublicKeyRing());
    } catch (NoSuchAlgorithmException | PGPException e) {
      throw new LauncherException("generating an OpenPGP key with BouncyCastle failed", e);
    }
  }

  @Override
  public String description() {
    return "an RSA-3072 OpenPGP key generated with BouncyCastle, because gpg is not installed";
  }

  @Override
  public String fingerprint() {
    return HexFormat.of()
        .formatHex(keyPair.getPublicKey().getFingerprint())
        .toUpperCase(Locale.ROOT);
  }

  @Override
  public String armoredPublicKey() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ArmoredOutputStream armor = new ArmoredOutputStream(bytes)) {
      publicKeyRing.encode(armor);
    } catch (IOException e) {
      throw new LauncherException("armoring the QA public key failed", e);
    }
    return bytes.toString(StandardCharsets.US_ASCII);
  }

  /**
   * Clear-signs {@code text} as RFC 4880 section 7 defines it: the signature covers the lines
   * without trailing spaces and tabs, joined by CR LF, without the final line break.
   */
  @Override
  public String clearSign(String text) {
    try {
      PGPSignatureGenerator signature =
          new PGPSignatureGenerator(
              new JcaPGPContentSignerBuilder(
                  keyPair.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256),
              keyPair.getPublicKey());
      PGPPrivateKey privateKey = keyPair.getPrivateKey();
      signature.init(PGPSignature.CANONICAL_TEXT_DOCUMENT, privateKey);
      String[] lines = text.split("\n", -1);
      int count = text.endsWith("\n") ? lines.length - 1 : lines.length;

      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      ArmoredOutputStream armor = new ArmoredOutputStream(bytes);
      armor.beginClearText(HashAlgorithmTags.SHA256);
      for (int i = 0; i < count; i++) {
        String line = lines[i].replaceAll("[ \\t\\r]+$", "");
        if (i > 0) {
          signature.update("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        signature.update(line.getBytes(StandardCharsets.UTF_8));
        // The armored stream dash-escapes a clear-text line that starts with "-" by itself.
        armor.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      }
      armor.endClearText();
      try (BCPGOutputStream packets = new BCPGOutputStream(armor)) {
        signature.generate().encode(packets);
      }
      armor.close();
      return bytes.toString(StandardCharsets.UTF_8);
    } catch (IOException | PGPException e) {
      throw new LauncherException("clear-signing with the QA key failed", e);
    }
  }

  @Override
  public void close() {
    // Nothing on disk: the key lives in memory only.
  }
}
