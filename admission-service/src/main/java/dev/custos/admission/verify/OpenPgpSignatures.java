package dev.custos.admission.verify;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPOnePassSignatureList;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.bouncycastle.openpgp.operator.PGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;

/**
 * Reads and verifies OpenPGP signatures in their three forms: clear-signed, detached over the
 * serialized payload, and inline (a signed message that contains the payload as literal data).
 */
final class OpenPgpSignatures {
  /** Builds signature verifiers on the shared BouncyCastle provider. */
  static final PGPContentVerifierBuilderProvider VERIFIER_BUILDERS =
      new JcaPGPContentVerifierBuilderProvider().setProvider(BouncyCastle.PROVIDER);

  /** Maximum size of the literal data of an inline message, which bounds decompression. */
  static final int MAX_SIGNED_CONTENT_BYTES = 1024 * 1024;

  /**
   * How far in the future a signature's creation time may be, to allow for clocks that run apart
   * between the signer and this service.
   */
  static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

  private static final Set<Integer> WEAK_HASHES =
      Set.of(HashAlgorithmTags.MD5, HashAlgorithmTags.SHA1, HashAlgorithmTags.RIPEMD160);

  private static final String ARMOR_PREFIX = "-----BEGIN PGP ";

  /** Placement of the signed content relative to the signature. */
  enum Form {
    CLEAR_SIGNED,
    DETACHED,
    INLINE
  }

  /**
   * A parsed OpenPGP message.
   *
   * @param content the signed bytes: the canonical clear text with CRLF line breaks, the literal
   *     data of an inline message, or null for a detached signature
   * @param clearText the canonical clear text of a clear-signed message, else null
   */
  record Message(Form form, List<PGPSignature> signatures, byte[] content, String clearText) {}

  /**
   * A signature that verified.
   *
   * @param key the attestor key that contains {@code signer}
   * @param signer the primary key or signing subkey that made the signature
   */
  record Verified(OpenPgpAttestorKey key, PGPPublicKey signer, Message message) {}

  private OpenPgpSignatures() {}

  /**
   * Returns whether {@code signature} reads as OpenPGP: armored, or binary packets that parse as a
   * whole signature or signed message. A valid first packet header is not enough, because 20 of the
   * 256 possible first bytes start a signature, one-pass, compressed or marker packet. Many raw RSA
   * and Ed25519 signatures would pass that check.
   */
  static boolean looksLikeOpenPgp(byte[] signature) {
    if (asciiPrefix(signature).stripLeading().startsWith(ARMOR_PREFIX)) {
      return true;
    }
    if (signature.length == 0 || (signature[0] & 0x80) == 0) {
      return false;
    }
    try {
      parse(signature);
      return true;
    } catch (VerificationException e) {
      return false;
    }
  }

  /**
   * Parses {@code signature} as a clear-signed message, an armored or binary detached signature, or
   * an armored or binary inline signed message.
   *
   * @throws VerificationException with {@link FailureReason#SIGNATURE_MALFORMED} if it matches none
   *     of these
   */
  static Message parse(byte[] signature) throws VerificationException {
    String ascii = new String(signature, StandardCharsets.UTF_8);
    if (ClearSignedMessage.isClearSigned(ascii)) {
      return parseClearSigned(ascii);
    }
    try (InputStream decoded = PGPUtil.getDecoderStream(new ByteArrayInputStream(signature))) {
      return parsePackets(new JcaPGPObjectFactory(decoded));
    } catch (IOException | PGPException | RuntimeException e) {
      throw malformed("cannot read the OpenPGP signature: " + e.getMessage(), e);
    }
  }

  /**
   * Verifies the first signature in {@code message} that a key in {@code keys} made.
   *
   * @param detachedContent the bytes a detached signature covers; ignored for the other forms
   * @throws VerificationException with {@link FailureReason#UNKNOWN_KEY} if no signature names a
   *     key in {@code keys}, {@link FailureReason#SIGNATURE_INVALID} if one does but does not
   *     verify, or {@link FailureReason#SIGNATURE_ALGORITHM_REJECTED} for a weak hash
   */
  static Verified verify(
      String attestorName, Message message, byte[] detachedContent, List<OpenPgpAttestorKey> keys)
      throws VerificationException {
    return verify(attestorName, message, detachedContent, keys, Instant.now());
  }

  /**
   * Verifies as {@link #verify(String, Message, byte[], List)} does, at time {@code now}. A
   * signature that verifies must also be valid at {@code now}: its key and signing subkey are not
   * revoked or expired, it was made no earlier than its key and no later than {@code now} plus
   * {@link #MAX_CLOCK_SKEW}, and it has not expired.
   *
   * @throws VerificationException also with {@link FailureReason#KEY_REVOKED}, {@link
   *     FailureReason#KEY_EXPIRED}, {@link FailureReason#SIGNATURE_EXPIRED} or {@link
   *     FailureReason#SIGNATURE_TIME_INVALID}
   */
  static Verified verify(
      String attestorName,
      Message message,
      byte[] detachedContent,
      List<OpenPgpAttestorKey> keys,
      Instant now)
      throws VerificationException {
    byte[] content = message.form() == Form.DETACHED ? detachedContent : message.content();
    List<String> issuers = new ArrayList<>();
    VerificationException firstRejection = null;

    for (PGPSignature signature : message.signatures()) {
      issuers.add(String.format("%016X", signature.getKeyID()));
      for (OpenPgpAttestorKey key : keys) {
        PGPPublicKey signer = key.findIssuer(signature);
        if (signer == null) {
          continue;
        }
        try {
          checkSignature(signature, signer, content);
          checkValidAt(now, signature, key, signer);
          return new Verified(key, signer, message);
        } catch (VerificationException e) {
          firstRejection = firstRejection == null ? e : firstRejection;
        }
      }
    }

    if (firstRejection != null) {
      throw firstRejection;
    }
    throw new VerificationException(
        FailureReason.UNKNOWN_KEY,
        "the OpenPGP signature was made by key id "
            + String.join(", ", issuers)
            + ", which is not a key of attestor \""
            + attestorName
            + "\"");
  }

  private static void checkSignature(PGPSignature signature, PGPPublicKey signer, byte[] content)
      throws VerificationException {
    String signerId = OpenPgpAttestorKey.fingerprintHex(signer);
    int type = signature.getSignatureType();
    if (type != PGPSignature.BINARY_DOCUMENT && type != PGPSignature.CANONICAL_TEXT_DOCUMENT) {
      throw malformed(
          String.format(
              "the OpenPGP signature by %s has type 0x%02X, not a document signature (0x00 or"
                  + " 0x01)",
              signerId, type),
          null);
    }
    if (WEAK_HASHES.contains(signature.getHashAlgorithm())) {
      throw new VerificationException(
          FailureReason.SIGNATURE_ALGORITHM_REJECTED,
          "the OpenPGP signature by "
              + signerId
              + " uses hash algorithm "
              + signature.getHashAlgorithm()
              + " (MD5, SHA-1 or RIPEMD-160), which is rejected as too weak");
    }

    boolean valid;
    try {
      signature.init(VERIFIER_BUILDERS, signer);
      signature.update(content);
      valid = signature.verify();
    } catch (PGPException | RuntimeException e) {
      throw malformed(
          "cannot verify the OpenPGP signature by " + signerId + ": " + e.getMessage(), e);
    }
    if (!valid) {
      throw new VerificationException(
          FailureReason.SIGNATURE_INVALID,
          "the OpenPGP signature by " + signerId + " does not verify over the signed content");
    }
  }

  /** Checks revocation, expiration and creation times, after the signature itself verified. */
  private static void checkValidAt(
      Instant now, PGPSignature signature, OpenPgpAttestorKey key, PGPPublicKey signer)
      throws VerificationException {
    String signerId = OpenPgpAttestorKey.fingerprintHex(signer);
    if (key.isRevoked(signer)) {
      throw new VerificationException(
          FailureReason.KEY_REVOKED,
          "the OpenPGP signature was made by subkey "
              + signerId
              + ", which its primary key revoked");
    }
    checkKeyNotExpired(now, key.primary());
    if (signer != key.primary()) {
      checkKeyNotExpired(now, signer);
    }

    Instant signed = signature.getCreationTime().toInstant();
    Instant keyCreated = signer.getCreationTime().toInstant();
    if (signed.isBefore(keyCreated)) {
      throw new VerificationException(
          FailureReason.SIGNATURE_TIME_INVALID,
          "the OpenPGP signature by "
              + signerId
              + " is dated "
              + signed
              + ", before the key was created at "
              + keyCreated);
    }
    if (signed.isAfter(now.plus(MAX_CLOCK_SKEW))) {
      throw new VerificationException(
          FailureReason.SIGNATURE_TIME_INVALID,
          "the OpenPGP signature by "
              + signerId
              + " is dated "
              + signed
              + ", more than "
              + MAX_CLOCK_SKEW.toMinutes()
              + " minutes after the current time "
              + now);
    }

    PGPSignatureSubpacketVector hashed = signature.getHashedSubPackets();
    long validSeconds = hashed == null ? 0 : hashed.getSignatureExpirationTime();
    if (validSeconds > 0) {
      Instant expires = signed.plusSeconds(validSeconds);
      if (!now.isBefore(expires)) {
        throw new VerificationException(
            FailureReason.SIGNATURE_EXPIRED,
            "the OpenPGP signature by " + signerId + " expired at " + expires);
      }
    }
  }

  private static void checkKeyNotExpired(Instant now, PGPPublicKey key)
      throws VerificationException {
    long validSeconds = key.getValidSeconds();
    if (validSeconds <= 0) {
      return;
    }
    Instant expires = key.getCreationTime().toInstant().plusSeconds(validSeconds);
    if (!now.isBefore(expires)) {
      throw new VerificationException(
          FailureReason.KEY_EXPIRED,
          "the OpenPGP key "
              + OpenPgpAttestorKey.fingerprintHex(key)
              + " expired at "
              + expires
              + ". Extend its expiration time or replace the key in the policy");
    }
  }

  private static Message parseClearSigned(String text) throws VerificationException {
    ClearSignedMessage clearSigned;
    try {
      clearSigned = ClearSignedMessage.parse(text);
    } catch (IllegalArgumentException e) {
      throw malformed("invalid clear-signed message: " + e.getMessage(), e);
    }

    byte[] armor = clearSigned.signatureArmor().getBytes(StandardCharsets.US_ASCII);
    try (InputStream decoded = PGPUtil.getDecoderStream(new ByteArrayInputStream(armor))) {
      Object first = new JcaPGPObjectFactory(decoded).nextObject();
      if (!(first instanceof PGPSignatureList)) {
        throw malformed("the clear-signed message has no signature packet", null);
      }
      return new Message(
          Form.CLEAR_SIGNED,
          signatureList((PGPSignatureList) first),
          clearSigned.signedBytes(),
          clearSigned.text());
    } catch (IOException | RuntimeException e) {
      throw malformed(
          "cannot read the signature of the clear-signed message: " + e.getMessage(), e);
    }
  }

  private static Message parsePackets(JcaPGPObjectFactory factory)
      throws IOException, PGPException, VerificationException {
    Object next = nextSkippingMarkers(factory);
    if (next instanceof PGPCompressedData) {
      factory = new JcaPGPObjectFactory(((PGPCompressedData) next).getDataStream());
      next = nextSkippingMarkers(factory);
    }

    if (next instanceof PGPSignatureList) {
      return new Message(Form.DETACHED, signatureList((PGPSignatureList) next), null, null);
    }
    if (!(next instanceof PGPOnePassSignatureList)) {
      throw malformed(
          "expected an OpenPGP signature or signed message, found " + describe(next), null);
    }

    Object literal = factory.nextObject();
    if (!(literal instanceof PGPLiteralData)) {
      throw malformed("the signed message has no literal data, found " + describe(literal), null);
    }
    byte[] content = readLimited(((PGPLiteralData) literal).getInputStream());

    Object signatures = factory.nextObject();
    if (!(signatures instanceof PGPSignatureList)) {
      throw malformed("the signed message ends without a signature packet", null);
    }
    return new Message(Form.INLINE, signatureList((PGPSignatureList) signatures), content, null);
  }

  private static Object nextSkippingMarkers(JcaPGPObjectFactory factory) throws IOException {
    Object next = factory.nextObject();
    while (next instanceof PGPMarker) {
      next = factory.nextObject();
    }
    return next;
  }

  private static List<PGPSignature> signatureList(PGPSignatureList list)
      throws VerificationException {
    List<PGPSignature> signatures = new ArrayList<>();
    list.forEach(signatures::add);
    if (signatures.isEmpty()) {
      throw malformed("the OpenPGP signature packet list is empty", null);
    }
    return signatures;
  }

  private static byte[] readLimited(InputStream literal) throws IOException, VerificationException {
    byte[] content = literal.readNBytes(MAX_SIGNED_CONTENT_BYTES + 1);
    if (content.length > MAX_SIGNED_CONTENT_BYTES) {
      throw malformed(
          "the literal data of the signed message exceeds " + MAX_SIGNED_CONTENT_BYTES + " bytes",
          null);
    }
    return content;
  }

  private static String describe(Object packet) {
    return packet == null ? "the end of the data" : packet.getClass().getSimpleName();
  }

  private static String asciiPrefix(byte[] bytes) {
    int length = Math.min(bytes.length, 64);
    return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
  }

  private static VerificationException malformed(String message, Throwable cause) {
    return new VerificationException(FailureReason.SIGNATURE_MALFORMED, message, cause);
  }
}
