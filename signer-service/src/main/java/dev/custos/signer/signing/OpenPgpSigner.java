package dev.custos.signer.signing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.BCPGOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.PBESecretKeyDecryptor;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyDecryptorBuilder;

/**
 * OpenPGP signer whose signatures {@code gpg --verify} accepts, with a key from an armored secret
 * key ring as {@code gpg --export-secret-keys --armor} writes it. RSA and Ed25519 keys work,
 * including GnuPG 2.2's legacy EdDSA encoding. Signatures hash with SHA-256.
 *
 * <p>Instances are immutable and thread-safe. The passphrase is used once, to decrypt the key, and
 * not kept, so the caller may clear its array afterwards.
 */
public final class OpenPgpSigner implements PayloadSigner {
  private static final int HASH_ALGORITHM = HashAlgorithmTags.SHA256;
  private static final String ARMOR_HEADER = "-----BEGIN PGP PRIVATE KEY BLOCK-----";

  private static final Set<Integer> SIGNING_ALGORITHMS =
      Set.of(
          PublicKeyAlgorithmTags.RSA_GENERAL,
          PublicKeyAlgorithmTags.RSA_SIGN,
          PublicKeyAlgorithmTags.DSA,
          PublicKeyAlgorithmTags.ECDSA,
          PublicKeyAlgorithmTags.EDDSA_LEGACY,
          PublicKeyAlgorithmTags.Ed25519,
          PublicKeyAlgorithmTags.Ed448);

  private final PGPPublicKey publicKey;
  private final PGPPrivateKey privateKey;
  private final String fingerprint;

  private OpenPgpSigner(PGPPublicKey publicKey, PGPPrivateKey privateKey) {
    this.publicKey = publicKey;
    this.privateKey = privateKey;
    this.fingerprint =
        HexFormat.of().formatHex(publicKey.getFingerprint()).toUpperCase(Locale.ROOT);
  }

  /**
   * Loads the signing key of an armored (or binary) secret key ring: the primary key when its flags
   * allow signing, otherwise the first signing subkey.
   *
   * @param passphrase the key's passphrase, or null or empty for an unprotected key
   * @throws InvalidSigningKeyException if the input is not a secret key ring, has no signing key,
   *     or the passphrase is wrong
   */
  public static OpenPgpSigner fromSecretKeyRing(String armored, char[] passphrase) {
    return fromSecretKeyRing(armored, null, passphrase);
  }

  /**
   * Loads the key with the given fingerprint from an armored secret key ring, for a ring that
   * contains several signing keys.
   *
   * @param fingerprint the full fingerprint in hex, case-insensitive, or null for the first signing
   *     key
   */
  public static OpenPgpSigner fromSecretKeyRing(
      String armored, String fingerprint, char[] passphrase) {
    PGPSecretKey secretKey = findSigningKey(readRings(armored), fingerprint);
    PGPPrivateKey privateKey = extractPrivateKey(secretKey, passphrase);
    return new OpenPgpSigner(secretKey.getPublicKey(), privateKey);
  }

  /** Returns the full fingerprint of the signing key in uppercase hex. */
  @Override
  public String publicKeyId() {
    return fingerprint;
  }

  @Override
  public SignatureAlgorithm algorithm() {
    return SignatureAlgorithm.OPENPGP;
  }

  /** Returns a binary detached signature, as {@code gpg --detach-sign} writes it. */
  @Override
  public byte[] sign(byte[] payload) {
    try {
      PGPSignatureGenerator generator = newGenerator();
      generator.update(payload);
      return generator.generate().getEncoded();
    } catch (PGPException | IOException e) {
      throw new SigningException("OpenPGP signing failed with key " + fingerprint, e);
    }
  }

  /**
   * Returns an ASCII-armored detached signature, as {@code gpg --detach-sign --armor} writes it.
   */
  public String signDetachedArmored(byte[] payload) {
    return armor(sign(payload));
  }

  /**
   * Returns a binary signed message that contains the payload, as {@code gpg --sign} writes it
   * (without compression). This is the form of a containers/image simple signature.
   */
  public byte[] signInline(byte[] payload) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (BCPGOutputStream out = new BCPGOutputStream(bytes)) {
      PGPSignatureGenerator generator = newGenerator();
      generator.generateOnePassVersion(false).encode(out);
      writeLiteralData(out, payload);
      generator.update(payload);
      generator.generate().encode(out);
    } catch (PGPException | IOException e) {
      throw new SigningException("OpenPGP signing failed with key " + fingerprint, e);
    }
    return bytes.toByteArray();
  }

  /** Returns the signed message of {@link #signInline} in ASCII armor. */
  public String signInlineArmored(byte[] payload) {
    return armor(signInline(payload));
  }

  /** Names the key by its fingerprint and never shows key material. */
  @Override
  public String toString() {
    return "OpenPgpSigner[fingerprint=" + fingerprint + ", privateKey=<redacted>]";
  }

  private PGPSignatureGenerator newGenerator() throws PGPException {
    JcaPGPContentSignerBuilder contentSigner =
        new JcaPGPContentSignerBuilder(publicKey.getAlgorithm(), HASH_ALGORITHM)
            .setProvider(Providers.BOUNCY_CASTLE);
    PGPSignatureGenerator generator = new PGPSignatureGenerator(contentSigner, publicKey);
    generator.init(PGPSignature.BINARY_DOCUMENT, privateKey);
    generator.setHashedSubpackets(hashedSubpackets());
    return generator;
  }

  private PGPSignatureSubpacketVector hashedSubpackets() {
    PGPSignatureSubpacketGenerator subpackets = new PGPSignatureSubpacketGenerator();
    subpackets.setSignatureCreationTime(false, new Date());
    subpackets.setIssuerFingerprint(false, publicKey);
    subpackets.setIssuerKeyID(false, publicKey.getKeyID());
    return subpackets.generate();
  }

  private static void writeLiteralData(OutputStream out, byte[] payload) throws IOException {
    PGPLiteralDataGenerator literalData = new PGPLiteralDataGenerator();
    try (OutputStream literal =
        literalData.open(out, PGPLiteralData.BINARY, "", payload.length, new Date())) {
      literal.write(payload);
    }
  }

  private static String armor(byte[] binary) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ArmoredOutputStream armored = ArmoredOutputStream.builder().build(bytes)) {
      armored.write(binary);
    } catch (IOException e) {
      throw new SigningException("ASCII armoring failed", e);
    }
    return bytes.toString(StandardCharsets.US_ASCII);
  }

  /**
   * Reads every secret key ring of the input. Armored input may hold several armor blocks one after
   * another, as when two exported key files are concatenated.
   */
  private static List<PGPSecretKeyRing> readRings(String armored) {
    if (armored == null || armored.isBlank()) {
      throw new InvalidSigningKeyException("the OpenPGP secret key ring is empty");
    }
    List<PGPSecretKeyRing> rings = new ArrayList<>();
    for (String block : armorBlocks(armored)) {
      readRings(block.getBytes(StandardCharsets.US_ASCII)).forEach(rings::add);
    }
    if (rings.isEmpty()) {
      throw new InvalidSigningKeyException("the input contains no OpenPGP secret key ring");
    }
    return rings;
  }

  private static List<String> armorBlocks(String text) {
    List<String> blocks = new ArrayList<>();
    int start = text.indexOf(ARMOR_HEADER);
    if (start < 0) {
      blocks.add(text);
      return blocks;
    }
    while (start >= 0) {
      int next = text.indexOf(ARMOR_HEADER, start + ARMOR_HEADER.length());
      blocks.add(next < 0 ? text.substring(start) : text.substring(start, next));
      start = next;
    }
    return blocks;
  }

  private static PGPSecretKeyRingCollection readRings(byte[] bytes) {
    try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(bytes))) {
      return new PGPSecretKeyRingCollection(in, new JcaKeyFingerprintCalculator());
    } catch (IOException | PGPException e) {
      throw new InvalidSigningKeyException(
          "invalid OpenPGP secret key ring. Export it with gpg --export-secret-keys"
              + " --armor: "
              + e.getMessage(),
          e);
    }
  }

  // NOTE: expiry and revocation signatures are not checked, so an expired or revoked key loads.
  private static PGPSecretKey findSigningKey(List<PGPSecretKeyRing> rings, String fingerprint) {
    List<String> candidates = new ArrayList<>();
    for (PGPSecretKeyRing ring : rings) {
      for (Iterator<PGPSecretKey> keys = ring.getSecretKeys(); keys.hasNext(); ) {
        PGPSecretKey key = keys.next();
        if (key.isPrivateKeyEmpty() || !canSign(key.getPublicKey())) {
          continue;
        }
        String keyFingerprint = HexFormat.of().formatHex(key.getPublicKey().getFingerprint());
        if (fingerprint == null || keyFingerprint.equalsIgnoreCase(fingerprint)) {
          return key;
        }
        candidates.add(keyFingerprint.toUpperCase(Locale.ROOT));
      }
    }
    if (fingerprint == null) {
      throw new InvalidSigningKeyException("the key ring has no secret key that can sign");
    }
    throw new InvalidSigningKeyException(
        "the key ring has no signing key with fingerprint "
            + fingerprint
            + ". Its signing keys are "
            + candidates);
  }

  /**
   * Returns whether the key flags of the key's self-signatures allow signing data. A key without
   * key flags can sign when its algorithm can.
   */
  private static boolean canSign(PGPPublicKey key) {
    boolean flagsFound = false;
    for (Iterator<PGPSignature> signatures = key.getSignatures(); signatures.hasNext(); ) {
      PGPSignatureSubpacketVector hashed = signatures.next().getHashedSubPackets();
      if (hashed == null || hashed.getKeyFlags() == 0) {
        continue;
      }
      flagsFound = true;
      if ((hashed.getKeyFlags() & KeyFlags.SIGN_DATA) != 0) {
        return true;
      }
    }
    return !flagsFound && isSigningAlgorithm(key);
  }

  private static boolean isSigningAlgorithm(PGPPublicKey key) {
    return SIGNING_ALGORITHMS.contains(key.getAlgorithm());
  }

  private static PGPPrivateKey extractPrivateKey(PGPSecretKey secretKey, char[] passphrase) {
    try {
      PBESecretKeyDecryptor decryptor =
          new JcePBESecretKeyDecryptorBuilder(
                  new JcaPGPDigestCalculatorProviderBuilder()
                      .setProvider(Providers.BOUNCY_CASTLE)
                      .build())
              .setProvider(Providers.BOUNCY_CASTLE)
              .build(passphrase == null ? new char[0] : passphrase);
      return secretKey.extractPrivateKey(decryptor);
    } catch (PGPException e) {
      String fingerprint = HexFormat.of().formatHex(secretKey.getPublicKey().getFingerprint());
      throw new InvalidSigningKeyException(
          "decrypting OpenPGP key "
              + fingerprint.toUpperCase(Locale.ROOT)
              + " failed: wrong passphrase or damaged key",
          e);
    }
  }
}
