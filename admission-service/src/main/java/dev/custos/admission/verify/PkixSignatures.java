package dev.custos.admission.verify;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.List;

/**
 * Verifies raw PKIX signatures over the payload bytes: DER-encoded ECDSA, RSA PKCS#1 v1.5 or PSS,
 * and Ed25519. The key's type and curve choose the algorithm, because the signature does not name
 * it.
 */
final class PkixSignatures {
  private static final int SHA256_BYTES = 32;
  private static final int ED25519_SIGNATURE_BYTES = 64;

  /** Result of checking one signature with one key. */
  enum Check {
    VALID,
    INVALID,
    MALFORMED
  }

  private PkixSignatures() {}

  /**
   * Finds the key that verifies {@code signature} over {@code payload}, trying the key that {@code
   * publicKeyId} names first.
   *
   * @return the key that verified, which {@code publicKeyId} names
   * @throws VerificationException with {@link FailureReason#KEY_ID_MISMATCH} if another key of the
   *     attestor verified, {@link FailureReason#SIGNATURE_INVALID} or {@link
   *     FailureReason#SIGNATURE_MALFORMED} if the named key did not, or {@link
   *     FailureReason#UNKNOWN_KEY} if the id names no key and no key verified
   */
  static PkixAttestorKey verify(
      String attestorName,
      byte[] signature,
      byte[] payload,
      String publicKeyId,
      List<PkixAttestorKey> keys)
      throws VerificationException {
    PkixAttestorKey named = null;
    for (PkixAttestorKey key : keys) {
      if (key.id().equals(publicKeyId)) {
        named = key;
      }
    }

    Check namedCheck = named == null ? null : check(named, signature, payload);
    if (namedCheck == Check.VALID) {
      return named;
    }

    boolean allMalformed = namedCheck != Check.INVALID;
    for (PkixAttestorKey key : keys) {
      if (key == named) {
        continue;
      }
      Check other = check(key, signature, payload);
      if (other == Check.VALID) {
        throw new VerificationException(
            FailureReason.KEY_ID_MISMATCH,
            "the signature verifies with key "
                + key.id()
                + " of attestor \""
                + attestorName
                + "\", but its publicKeyId is "
                + quote(publicKeyId));
      }
      allMalformed &= other == Check.MALFORMED;
    }

    if (named != null) {
      return rejectForNamedKey(named, namedCheck);
    }
    if (allMalformed && !keys.isEmpty()) {
      throw new VerificationException(
          FailureReason.SIGNATURE_MALFORMED,
          "the signature has the wrong length or encoding for every PKIX key of attestor \""
              + attestorName
              + "\"");
    }
    throw new VerificationException(
        FailureReason.UNKNOWN_KEY,
        "publicKeyId "
            + quote(publicKeyId)
            + " names no key of attestor \""
            + attestorName
            + "\", and no PKIX key of the attestor verifies the signature");
  }

  /** Checks {@code signature} over {@code payload} with {@code key}, without throwing. */
  static Check check(PkixAttestorKey key, byte[] signature, byte[] payload) {
    try {
      switch (key.scheme()) {
        case ECDSA_P256_SHA256:
          return verifyWith("SHA256withECDSA", key, signature, payload);
        case ECDSA_P384_SHA384:
          return verifyWith("SHA384withECDSA", key, signature, payload);
        case ED25519:
          if (signature.length != ED25519_SIGNATURE_BYTES) {
            return Check.MALFORMED;
          }
          return verifyWith("Ed25519", key, signature, payload);
        case RSA_SHA256:
          return checkRsa(key, signature, payload);
        default:
          throw new IllegalStateException("unhandled scheme " + key.scheme());
      }
    } catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
      throw new IllegalStateException("the BouncyCastle provider lacks an algorithm", e);
    } catch (GeneralSecurityException e) {
      return Check.INVALID;
    }
  }

  /**
   * Tries PKCS#1 v1.5, then PSS with the salt length equal to the hash length (32 bytes), then PSS
   * with the maximum salt length, which {@code openssl dgst -sigopt rsa_padding_mode:pss} (OpenSSL
   * 3.0.19) uses by default.
   */
  private static Check checkRsa(PkixAttestorKey key, byte[] signature, byte[] payload)
      throws GeneralSecurityException {
    int modulusBytes = (key.keyBits() + 7) / 8;
    if (signature.length != modulusBytes) {
      return Check.MALFORMED;
    }
    if (verifyWith("SHA256withRSA", key, signature, payload) == Check.VALID) {
      return Check.VALID;
    }
    if (verifyPss(key, SHA256_BYTES, signature, payload) == Check.VALID) {
      return Check.VALID;
    }
    int encodedBytes = (key.keyBits() - 1 + 7) / 8;
    int maxSaltBytes = encodedBytes - SHA256_BYTES - 2;
    return verifyPss(key, maxSaltBytes, signature, payload);
  }

  private static Check verifyPss(
      PkixAttestorKey key, int saltBytes, byte[] signature, byte[] payload)
      throws GeneralSecurityException {
    Signature verifier = Signature.getInstance("RSASSA-PSS", BouncyCastle.PROVIDER);
    verifier.setParameter(
        new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, saltBytes, 1));
    return runVerifier(verifier, key, signature, payload);
  }

  private static Check verifyWith(
      String algorithm, PkixAttestorKey key, byte[] signature, byte[] payload)
      throws GeneralSecurityException {
    Signature verifier = Signature.getInstance(algorithm, BouncyCastle.PROVIDER);
    return runVerifier(verifier, key, signature, payload);
  }

  private static Check runVerifier(
      Signature verifier, PkixAttestorKey key, byte[] signature, byte[] payload)
      throws GeneralSecurityException {
    verifier.initVerify(key.publicKey());
    verifier.update(payload);
    try {
      return verifier.verify(signature) ? Check.VALID : Check.INVALID;
    } catch (SignatureException e) {
      // BouncyCastle raises this when the bytes are not a DER ECDSA signature or have the wrong
      // length for the key.
      return Check.MALFORMED;
    }
  }

  private static PkixAttestorKey rejectForNamedKey(PkixAttestorKey named, Check check)
      throws VerificationException {
    if (check == Check.MALFORMED) {
      throw new VerificationException(
          FailureReason.SIGNATURE_MALFORMED,
          "the signature is not a valid " + named.description() + " signature encoding");
    }
    throw new VerificationException(
        FailureReason.SIGNATURE_INVALID,
        "the signature does not verify with " + named.description() + " key " + named.id());
  }

  private static String quote(String value) {
    return value == null ? "(missing)" : "\"" + value + "\"";
  }
}
