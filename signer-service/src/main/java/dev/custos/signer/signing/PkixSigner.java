package dev.custos.signer.signing;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * PKIX signer whose signatures {@code openssl dgst -sha256 -verify pub.pem -signature sig payload}
 * accepts: ECDSA P-256 with SHA-256 (DER signature) and RSASSA-PSS with SHA-256 for 3072- and
 * 4096-bit RSA keys (verify with {@code -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32}).
 *
 * <p>Keys are PEM PKCS#8 as {@code openssl genpkey} writes them, plain ({@code BEGIN PRIVATE KEY})
 * or encrypted with a passphrase ({@code BEGIN ENCRYPTED PRIVATE KEY}). Instances are immutable and
 * thread-safe, and never return the private key.
 */
public final class PkixSigner implements PayloadSigner {
  private static final String NI_SHA256_PREFIX = "ni:///sha-256;";
  private static final int RSA_3072_BITS = 3072;
  private static final int RSA_4096_BITS = 4096;

  private final SignatureAlgorithm algorithm;
  private final PrivateKey privateKey;
  private final byte[] publicKeyDer;
  private final String publicKeyId;

  private PkixSigner(SignatureAlgorithm algorithm, PrivateKey privateKey, byte[] publicKeyDer) {
    this.algorithm = algorithm;
    this.privateKey = privateKey;
    this.publicKeyDer = publicKeyDer;
    this.publicKeyId = publicKeyId(publicKeyDer);
  }

  /**
   * Loads an unencrypted PEM private key: PKCS#8 ({@code BEGIN PRIVATE KEY}) or SEC 1 ({@code BEGIN
   * EC PRIVATE KEY}).
   *
   * @throws InvalidSigningKeyException if the PEM is malformed, encrypted, or contains a key other
   *     than EC P-256 or RSA with 3072 or 4096 bits
   */
  public static PkixSigner fromPem(String pem) {
    return fromPem(pem, null);
  }

  /**
   * Loads a PEM private key that may be encrypted ({@code BEGIN ENCRYPTED PRIVATE KEY}, as {@code
   * openssl genpkey -aes-256-cbc} writes it).
   *
   * @param passphrase the passphrase of an encrypted key, not kept; null for a plain key
   */
  public static PkixSigner fromPem(String pem, char[] passphrase) {
    PrivateKeyInfo keyInfo = readPrivateKeyInfo(pem, passphrase);
    AsymmetricKeyParameter keyParameters = lightweightKey(keyInfo);
    SignatureAlgorithm algorithm = algorithmOf(keyInfo, keyParameters);
    byte[] publicKeyDer = derivePublicKey(keyParameters);
    return new PkixSigner(algorithm, jcaPrivateKey(keyInfo, algorithm), publicKeyDer);
  }

  /**
   * Returns {@code ni:///sha-256;<hash>}, the RFC 6920 named-information URI of the public key: the
   * SHA-256 of its DER SubjectPublicKeyInfo, base64url-encoded without padding.
   */
  public static String publicKeyId(byte[] subjectPublicKeyInfoDer) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(subjectPublicKeyInfoDer);
      return NI_SHA256_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JDK", e);
    }
  }

  @Override
  public String publicKeyId() {
    return publicKeyId;
  }

  @Override
  public SignatureAlgorithm algorithm() {
    return algorithm;
  }

  /** Returns the public key as DER SubjectPublicKeyInfo, the form the key id hashes. */
  public byte[] publicKeyDer() {
    return publicKeyDer.clone();
  }

  /** Returns the public key as PEM ({@code BEGIN PUBLIC KEY}), as {@code openssl pkey -pubout}. */
  public String publicKeyPem() {
    StringWriter text = new StringWriter();
    try (PemWriter writer = new PemWriter(text)) {
      writer.writeObject(new PemObject("PUBLIC KEY", publicKeyDer));
    } catch (IOException e) {
      throw new IllegalStateException("writing PEM to a string failed", e);
    }
    return text.toString();
  }

  /** Returns a DER-encoded ECDSA signature or an RSASSA-PSS signature over {@code payload}. */
  @Override
  public byte[] sign(byte[] payload) {
    try {
      Signature signature = Signature.getInstance(jcaSignatureName(), Providers.BOUNCY_CASTLE);
      signature.initSign(privateKey);
      signature.update(payload);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new SigningException(algorithm + " signing failed with key " + publicKeyId, e);
    }
  }

  /** Names the key by its algorithm and id and never shows key material. */
  @Override
  public String toString() {
    return "PkixSigner[algorithm="
        + algorithm
        + ", publicKeyId="
        + publicKeyId
        + ", privateKey=<redacted>]";
  }

  private String jcaSignatureName() {
    // BouncyCastle's SHA256withRSAandMGF1 is PSS with MGF1-SHA256 and a 32-byte salt.
    return algorithm == SignatureAlgorithm.ECDSA_P256_SHA256
        ? "SHA256withECDSA"
        : "SHA256withRSAandMGF1";
  }

  private static PrivateKeyInfo readPrivateKeyInfo(String pem, char[] passphrase) {
    if (pem == null || pem.isBlank()) {
      throw new InvalidSigningKeyException("the PEM private key is empty");
    }
    Object object;
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      object = parser.readObject();
    } catch (IOException e) {
      throw new InvalidSigningKeyException("invalid PEM private key: " + e.getMessage(), e);
    }

    if (object instanceof PrivateKeyInfo info) {
      return info;
    }
    if (object instanceof PEMKeyPair pair) {
      return pair.getPrivateKeyInfo();
    }
    if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
      return decrypt(encrypted, passphrase);
    }
    String found = object == null ? "no PEM object" : object.getClass().getSimpleName();
    throw new InvalidSigningKeyException(
        "expected a PEM private key (BEGIN PRIVATE KEY or BEGIN ENCRYPTED PRIVATE KEY), found "
            + found);
  }

  private static PrivateKeyInfo decrypt(PKCS8EncryptedPrivateKeyInfo encrypted, char[] passphrase) {
    if (passphrase == null || passphrase.length == 0) {
      throw new InvalidSigningKeyException(
          "the PEM private key is encrypted and needs a passphrase");
    }
    try {
      InputDecryptorProvider decryptor =
          new JceOpenSSLPKCS8DecryptorProviderBuilder()
              .setProvider(Providers.BOUNCY_CASTLE)
              .build(passphrase);
      return encrypted.decryptPrivateKeyInfo(decryptor);
    } catch (OperatorCreationException | PKCSException e) {
      throw new InvalidSigningKeyException(
          "decrypting the PEM private key failed: wrong passphrase or damaged key", e);
    }
  }

  private static AsymmetricKeyParameter lightweightKey(PrivateKeyInfo keyInfo) {
    try {
      return PrivateKeyFactory.createKey(keyInfo);
    } catch (IOException | RuntimeException e) {
      throw new InvalidSigningKeyException(
          "unsupported or malformed private key: " + e.getMessage(), e);
    }
  }

  private static SignatureAlgorithm algorithmOf(
      PrivateKeyInfo keyInfo, AsymmetricKeyParameter key) {
    ASN1ObjectIdentifier keyAlgorithm = keyInfo.getPrivateKeyAlgorithm().getAlgorithm();
    if (keyAlgorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      requireP256(keyInfo);
      return SignatureAlgorithm.ECDSA_P256_SHA256;
    }
    if (keyAlgorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
      int bits = ((RSAKeyParameters) key).getModulus().bitLength();
      if (bits == RSA_3072_BITS) {
        return SignatureAlgorithm.RSA_PSS_3072_SHA256;
      }
      if (bits == RSA_4096_BITS) {
        return SignatureAlgorithm.RSA_PSS_4096_SHA256;
      }
      throw new InvalidSigningKeyException(
          "RSA keys must have 3072 or 4096 bits for RSA-PSS signing, got " + bits);
    }
    throw new InvalidSigningKeyException(
        "unsupported key algorithm " + keyAlgorithm + ": expected EC P-256 or RSA");
  }

  private static void requireP256(PrivateKeyInfo keyInfo) {
    X962Parameters parameters =
        X962Parameters.getInstance(keyInfo.getPrivateKeyAlgorithm().getParameters());
    boolean p256 =
        parameters.isNamedCurve()
            && ASN1ObjectIdentifier.getInstance(parameters.getParameters())
                .equals(SECObjectIdentifiers.secp256r1);
    if (!p256) {
      throw new InvalidSigningKeyException(
          "unsupported EC curve: only the named curve P-256 (prime256v1, secp256r1) is supported");
    }
  }

  /** Derives the public key from the private key, so a key file alone is enough. */
  private static byte[] derivePublicKey(AsymmetricKeyParameter key) {
    AsymmetricKeyParameter publicKey;
    if (key instanceof ECPrivateKeyParameters ec) {
      ECDomainParameters domain = ec.getParameters();
      ECPoint point = new FixedPointCombMultiplier().multiply(domain.getG(), ec.getD()).normalize();
      publicKey = new ECPublicKeyParameters(point, domain);
    } else if (key instanceof RSAPrivateCrtKeyParameters rsa) {
      BigInteger exponent = rsa.getPublicExponent();
      publicKey = new RSAKeyParameters(false, rsa.getModulus(), exponent);
    } else {
      throw new InvalidSigningKeyException(
          "deriving the public key failed: the RSA private key has no CRT parameters");
    }
    try {
      SubjectPublicKeyInfo info = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(publicKey);
      return info.getEncoded("DER");
    } catch (IOException e) {
      throw new InvalidSigningKeyException("encoding the public key failed", e);
    }
  }

  private static PrivateKey jcaPrivateKey(PrivateKeyInfo keyInfo, SignatureAlgorithm algorithm) {
    String keyAlgorithm = algorithm == SignatureAlgorithm.ECDSA_P256_SHA256 ? "EC" : "RSA";
    try {
      KeyFactory factory = KeyFactory.getInstance(keyAlgorithm, Providers.BOUNCY_CASTLE);
      return factory.generatePrivate(new PKCS8EncodedKeySpec(keyInfo.getEncoded("DER")));
    } catch (GeneralSecurityException | IOException e) {
      throw new InvalidSigningKeyException(
          "loading the " + keyAlgorithm + " private key failed", e);
    }
  }
}
