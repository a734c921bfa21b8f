package dev.custos.admission.verify;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * Parses attestor public keys: armored OpenPGP public keys as {@code gpg --export --armor} writes
 * them (RSA and EdDSA), and PEM {@code PUBLIC KEY} blocks containing a DER SubjectPublicKeyInfo
 * (ECDSA P-256 and P-384, RSA, Ed25519), as {@code openssl pkey -pubout} writes them.
 */
public final class AttestorKeys {
  /** Smallest RSA modulus accepted, in bits. */
  public static final int MIN_RSA_BITS = 2048;

  /** Prefix of a PKIX key id: an RFC 6920 named-information URI of the SHA-256 of the DER key. */
  public static final String PKIX_KEY_ID_PREFIX = "ni:///sha-256;";

  private static final String PGP_PUBLIC_KEY_TYPE = "PGP PUBLIC KEY BLOCK";
  private static final String PEM_PUBLIC_KEY_TYPE = "PUBLIC KEY";

  /** An armor or PEM block: {@code -----BEGIN <type>-----} up to the matching END line. */
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----.*?-----END \\1-----", Pattern.DOTALL);

  private static final Pattern ANY_BEGIN_LINE = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----");

  private AttestorKeys() {}

  /**
   * Parses every key in {@code text}, which contains armored OpenPGP public key blocks, PEM {@code
   * PUBLIC KEY} blocks, or both. PKIX keys get their RFC 6920 id.
   *
   * @throws InvalidAttestorKeyException if the text contains no key, or a block is not a usable
   *     public key
   */
  public static List<AttestorKey> parse(String attestorName, String text) {
    requireText(attestorName, text);

    List<AttestorKey> keys = new ArrayList<>();
    Matcher begin = ANY_BEGIN_LINE.matcher(text);
    while (begin.find()) {
      String type = begin.group(1);
      String block = blockAt(attestorName, text, begin.start(), type);
      if (type.equals(PGP_PUBLIC_KEY_TYPE)) {
        keys.addAll(parseOpenPgp(attestorName, block));
      } else {
        keys.add(parsePkix(attestorName, block, null));
      }
    }

    if (keys.isEmpty()) {
      throw new InvalidAttestorKeyException(
          attestorName,
          "no key found. Expected an armored OpenPGP public key (-----BEGIN "
              + PGP_PUBLIC_KEY_TYPE
              + "-----) or a PEM public key (-----BEGIN "
              + PEM_PUBLIC_KEY_TYPE
              + "-----)");
    }
    return List.copyOf(keys);
  }

  /**
   * Parses armored OpenPGP public keys, one attestor key per primary key. A block that {@code gpg
   * --export --armor} wrote for several keys gives several attestor keys.
   *
   * @throws InvalidAttestorKeyException if the text is not an armored public key, or a key uses an
   *     unsupported algorithm or size
   */
  public static List<OpenPgpAttestorKey> parseOpenPgp(String attestorName, String armored) {
    requireText(attestorName, armored);
    rejectPrivateKey(attestorName, armored);
    if (!armored.contains("-----BEGIN " + PGP_PUBLIC_KEY_TYPE + "-----")) {
      throw new InvalidAttestorKeyException(
          attestorName,
          "not an armored OpenPGP public key: the line -----BEGIN "
              + PGP_PUBLIC_KEY_TYPE
              + "----- is missing. Export the key with gpg --export --armor");
    }

    PGPPublicKeyRingCollection rings = readKeyRings(attestorName, armored);
    List<OpenPgpAttestorKey> keys = new ArrayList<>();
    for (PGPPublicKeyRing ring : rings) {
      keys.add(toAttestorKey(attestorName, ring));
    }
    if (keys.isEmpty()) {
      throw new InvalidAttestorKeyException(attestorName, "the OpenPGP key block contains no key");
    }
    return keys;
  }

  /**
   * Parses one PEM {@code PUBLIC KEY} block.
   *
   * @param explicitId the id that policy sets for this key, or null to use the RFC 6920 id {@code
   *     ni:///sha-256;<base64url of the SHA-256 of the DER SubjectPublicKeyInfo>}
   * @throws InvalidAttestorKeyException if the text is not one PEM public key of a supported type
   *     and size, or {@code explicitId} is blank or contains whitespace
   */
  public static PkixAttestorKey parsePkix(String attestorName, String pem, String explicitId) {
    requireText(attestorName, pem);
    rejectPrivateKey(attestorName, pem);
    validateExplicitId(attestorName, explicitId);

    PemObject block = readPemBlock(attestorName, pem);
    SubjectPublicKeyInfo info = decodeSubjectPublicKeyInfo(attestorName, block.getContent());
    PublicKey publicKey = toPublicKey(attestorName, info);
    PkixAttestorKey.Scheme scheme = schemeOf(attestorName, info);
    int keyBits = rsaBits(attestorName, scheme, publicKey);

    String id = explicitId != null ? explicitId : pkixKeyId(block.getContent());
    return new PkixAttestorKey(id, publicKey, scheme, keyBits);
  }

  /**
   * Returns the RFC 6920 id of a DER SubjectPublicKeyInfo: {@code ni:///sha-256;} and the unpadded
   * base64url of its SHA-256.
   */
  public static String pkixKeyId(byte[] derSubjectPublicKeyInfo) {
    byte[] hash = sha256(derSubjectPublicKeyInfo);
    return PKIX_KEY_ID_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
  }

  private static void requireText(String attestorName, String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidAttestorKeyException(attestorName, "the key text is empty");
    }
  }

  private static void rejectPrivateKey(String attestorName, String text) {
    Matcher begin = ANY_BEGIN_LINE.matcher(text);
    while (begin.find()) {
      if (begin.group(1).contains("PRIVATE KEY")) {
        throw new InvalidAttestorKeyException(
            attestorName,
            "the text contains a private key ("
                + begin.group(1)
                + "). Give only the public key, and treat the private key as leaked");
      }
    }
  }

  private static String blockAt(String attestorName, String text, int start, String type) {
    Matcher block = BLOCK.matcher(text);
    if (!block.find(start) || block.start() != start) {
      throw new InvalidAttestorKeyException(
          attestorName, "the block -----BEGIN " + type + "----- has no matching END line");
    }
    return block.group();
  }

  private static void validateExplicitId(String attestorName, String explicitId) {
    if (explicitId == null) {
      return;
    }
    if (explicitId.isBlank()) {
      throw new InvalidAttestorKeyException(
          attestorName, "the key id is blank. Leave it out to use the RFC 6920 id");
    }
    if (explicitId.chars().anyMatch(Character::isWhitespace)) {
      throw new InvalidAttestorKeyException(
          attestorName, "the key id \"" + explicitId.strip() + "\" contains whitespace");
    }
  }

  private static PGPPublicKeyRingCollection readKeyRings(String attestorName, String armored) {
    byte[] bytes = armored.getBytes(StandardCharsets.US_ASCII);
    try (InputStream decoded = PGPUtil.getDecoderStream(new ByteArrayInputStream(bytes))) {
      return new PGPPublicKeyRingCollection(decoded, new JcaKeyFingerprintCalculator());
    } catch (IOException | PGPException | RuntimeException e) {
      throw new InvalidAttestorKeyException(
          attestorName, "cannot read the OpenPGP public key: " + e.getMessage(), e);
    }
  }

  private static OpenPgpAttestorKey toAttestorKey(String attestorName, PGPPublicKeyRing ring) {
    PGPPublicKey primary = ring.getPublicKey();
    String fingerprint = OpenPgpAttestorKey.fingerprintHex(primary);
    String description = describeOpenPgpKey(attestorName, fingerprint, primary);
    if (isRevoked(primary, primary)) {
      throw new InvalidAttestorKeyException(
          attestorName,
          "OpenPGP key "
              + fingerprint
              + " is revoked: it carries a key revocation signature that it made itself. Remove"
              + " the key from the policy");
    }

    List<PGPPublicKey> signingKeys = new ArrayList<>();
    List<PGPPublicKey> revokedSubkeys = new ArrayList<>();
    signingKeys.add(primary);
    Iterator<PGPPublicKey> keys = ring.getPublicKeys();
    while (keys.hasNext()) {
      PGPPublicKey subkey = keys.next();
      if (subkey.isMasterKey() || !isBoundForSigning(primary, subkey)) {
        continue;
      }
      if (isRevoked(primary, subkey)) {
        revokedSubkeys.add(subkey);
      } else {
        signingKeys.add(subkey);
      }
    }
    return new OpenPgpAttestorKey(description, signingKeys, revokedSubkeys);
  }

  /**
   * Returns whether {@code key} carries a revocation signature, a key revocation for the primary
   * key or a subkey revocation for a subkey, that verifies with {@code primary}.
   *
   * <p>NOTE: revocations made by a designated revoker (another key) are not read, so such a key
   * stays trusted until it is removed from the policy.
   */
  private static boolean isRevoked(PGPPublicKey primary, PGPPublicKey key) {
    int type = key.isMasterKey() ? PGPSignature.KEY_REVOCATION : PGPSignature.SUBKEY_REVOCATION;
    Iterator<PGPSignature> revocations = key.getSignaturesOfType(type);
    while (revocations.hasNext()) {
      PGPSignature revocation = revocations.next();
      try {
        revocation.init(OpenPgpSignatures.VERIFIER_BUILDERS, primary);
        boolean valid =
            key.isMasterKey()
                ? revocation.verifyCertification(key)
                : revocation.verifyCertification(primary, key);
        if (valid) {
          return true;
        }
      } catch (PGPException | RuntimeException e) {
        // A revocation signature that cannot be checked does not revoke.
      }
    }
    return false;
  }

  private static String describeOpenPgpKey(
      String attestorName, String fingerprint, PGPPublicKey key) {
    int algorithm = key.getAlgorithm();
    if (algorithm == PublicKeyAlgorithmTags.RSA_GENERAL
        || algorithm == PublicKeyAlgorithmTags.RSA_SIGN) {
      if (key.getBitStrength() < MIN_RSA_BITS) {
        throw new InvalidAttestorKeyException(
            attestorName,
            "OpenPGP key "
                + fingerprint
                + " is RSA "
                + key.getBitStrength()
                + " bits, and the minimum is "
                + MIN_RSA_BITS);
      }
      return "OpenPGP RSA " + key.getBitStrength();
    }
    if (algorithm == PublicKeyAlgorithmTags.EDDSA_LEGACY
        || algorithm == PublicKeyAlgorithmTags.Ed25519) {
      return "OpenPGP Ed25519";
    }
    throw new InvalidAttestorKeyException(
        attestorName,
        "OpenPGP key "
            + fingerprint
            + " uses public-key algorithm "
            + algorithm
            + ", which is not supported. Use an RSA or Ed25519 key");
  }

  /**
   * Returns whether the primary key bound {@code subkey} with a binding signature that verifies and
   * that allows signing data. A subkey whose algorithm is not supported is skipped.
   */
  private static boolean isBoundForSigning(PGPPublicKey primary, PGPPublicKey subkey) {
    if (!isSupportedSigningAlgorithm(subkey.getAlgorithm())) {
      return false;
    }

    Iterator<PGPSignature> bindings = subkey.getSignaturesOfType(PGPSignature.SUBKEY_BINDING);
    while (bindings.hasNext()) {
      PGPSignature binding = bindings.next();
      if (allowsSigning(binding) && verifiesBinding(binding, primary, subkey)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isSupportedSigningAlgorithm(int algorithm) {
    return algorithm == PublicKeyAlgorithmTags.RSA_GENERAL
        || algorithm == PublicKeyAlgorithmTags.RSA_SIGN
        || algorithm == PublicKeyAlgorithmTags.EDDSA_LEGACY
        || algorithm == PublicKeyAlgorithmTags.Ed25519;
  }

  private static boolean allowsSigning(PGPSignature binding) {
    PGPSignatureSubpacketVector hashed = binding.getHashedSubPackets();
    return hashed != null && (hashed.getKeyFlags() & KeyFlags.SIGN_DATA) != 0;
  }

  private static boolean verifiesBinding(
      PGPSignature binding, PGPPublicKey primary, PGPPublicKey subkey) {
    try {
      binding.init(OpenPgpSignatures.VERIFIER_BUILDERS, primary);
      return binding.verifyCertification(primary, subkey);
    } catch (PGPException | RuntimeException e) {
      return false;
    }
  }

  private static PemObject readPemBlock(String attestorName, String pem) {
    try (PemReader reader = new PemReader(new StringReader(pem))) {
      PemObject first = reader.readPemObject();
      if (first == null) {
        throw new InvalidAttestorKeyException(
            attestorName,
            "no PEM block found. Expected -----BEGIN " + PEM_PUBLIC_KEY_TYPE + "-----");
      }
      if (!first.getType().equals(PEM_PUBLIC_KEY_TYPE)) {
        throw new InvalidAttestorKeyException(
            attestorName, unsupportedPemTypeMessage(first.getType()));
      }
      if (reader.readPemObject() != null) {
        throw new InvalidAttestorKeyException(
            attestorName, "the text contains more than one PEM block. Give one key per entry");
      }
      return first;
    } catch (IOException e) {
      throw new InvalidAttestorKeyException(
          attestorName, "cannot read the PEM block: " + e.getMessage(), e);
    }
  }

  private static String unsupportedPemTypeMessage(String type) {
    String message = "PEM type \"" + type + "\" is not supported. Expected " + PEM_PUBLIC_KEY_TYPE;
    if (type.equals("RSA PUBLIC KEY")) {
      return message
          + " (a SubjectPublicKeyInfo). Convert it with openssl rsa -RSAPublicKey_in -pubout";
    }
    if (type.equals("CERTIFICATE")) {
      return message + ". Extract the key with openssl x509 -pubkey -noout";
    }
    return message;
  }

  private static SubjectPublicKeyInfo decodeSubjectPublicKeyInfo(String attestorName, byte[] der) {
    SubjectPublicKeyInfo info;
    byte[] reencoded;
    try {
      info = SubjectPublicKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
      reencoded = info.getEncoded(ASN1Encoding.DER);
    } catch (IOException | RuntimeException e) {
      throw new InvalidAttestorKeyException(
          attestorName, "the PEM block is not a SubjectPublicKeyInfo: " + e.getMessage(), e);
    }

    // The key id hashes these bytes, so they must be the one DER encoding of the key.
    if (!Arrays.equals(reencoded, der)) {
      throw new InvalidAttestorKeyException(
          attestorName, "the public key is not DER-encoded (BER, or bytes after the key)");
    }
    return info;
  }

  private static PkixAttestorKey.Scheme schemeOf(String attestorName, SubjectPublicKeyInfo info) {
    AlgorithmIdentifier algorithm = info.getAlgorithm();
    ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
    if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      return ecdsaScheme(attestorName, algorithm);
    }
    if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
      return PkixAttestorKey.Scheme.RSA_SHA256;
    }
    if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
      return PkixAttestorKey.Scheme.ED25519;
    }
    if (oid.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
      throw new InvalidAttestorKeyException(
          attestorName,
          "RSASSA-PSS keys (OID "
              + oid
              + ") are not supported. Give the key as rsaEncryption; PSS signatures verify with"
              + " it");
    }
    throw new InvalidAttestorKeyException(
        attestorName,
        "key algorithm OID "
            + oid
            + " is not supported. Use ECDSA P-256 or P-384, RSA, or Ed25519");
  }

  private static PkixAttestorKey.Scheme ecdsaScheme(
      String attestorName, AlgorithmIdentifier algorithm) {
    if (!(algorithm.getParameters() instanceof ASN1ObjectIdentifier)) {
      throw new InvalidAttestorKeyException(
          attestorName,
          "the EC key has explicit curve parameters. Use the named curve P-256 or P-384");
    }
    ASN1ObjectIdentifier curve = (ASN1ObjectIdentifier) algorithm.getParameters();
    if (curve.equals(SECObjectIdentifiers.secp256r1)) {
      return PkixAttestorKey.Scheme.ECDSA_P256_SHA256;
    }
    if (curve.equals(SECObjectIdentifiers.secp384r1)) {
      return PkixAttestorKey.Scheme.ECDSA_P384_SHA384;
    }
    throw new InvalidAttestorKeyException(
        attestorName,
        "EC curve OID " + curve + " is not supported. Use P-256 (prime256v1) or P-384 (secp384r1)");
  }

  private static PublicKey toPublicKey(String attestorName, SubjectPublicKeyInfo info) {
    try {
      return new JcaPEMKeyConverter().setProvider(BouncyCastle.PROVIDER).getPublicKey(info);
    } catch (PEMException | RuntimeException e) {
      throw new InvalidAttestorKeyException(
          attestorName, "the public key is invalid: " + e.getMessage(), e);
    }
  }

  private static int rsaBits(
      String attestorName, PkixAttestorKey.Scheme scheme, PublicKey publicKey) {
    if (scheme != PkixAttestorKey.Scheme.RSA_SHA256) {
      return 0;
    }
    int bits = ((RSAPublicKey) publicKey).getModulus().bitLength();
    if (bits < MIN_RSA_BITS) {
      throw new InvalidAttestorKeyException(
          attestorName, "the RSA key has " + bits + " bits, and the minimum is " + MIN_RSA_BITS);
    }
    return bits;
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }
}
