package dev.custos.admission.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custos.admission.verify.AttestationOccurrence.SignatureEntry;
import dev.custos.admission.verify.OpenPgpSignatures.Form;
import dev.custos.events.image.Digest;
import dev.custos.events.image.ImageReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Decides whether an ATTESTATION occurrence makes a digest "attested by" an attestor. That holds
 * when the occurrence is on the attestor's note and its resource URI is the image by that digest.
 * One of its signatures must also verify with one of the attestor's keys, over content that binds
 * the digest.
 *
 * <p>The verifier trusts only the keys in the {@link Attestor}, never key material or key ids in
 * the occurrence. It has no state, so one instance can serve every thread.
 */
public final class AttestationVerifier {
  /**
   * Verifies {@code occurrence} for {@code attestor} and {@code digest}. Stops at the first
   * signature that verifies.
   *
   * @param occurrence the Grafeas v1 occurrence JSON
   * @return the result, with a failure for the occurrence, or one for each signature that did not
   *     verify
   */
  public VerificationResult verify(Attestor attestor, JsonNode occurrence, Digest digest) {
    Objects.requireNonNull(digest, "digest");
    return verify(attestor, occurrence, digest, null);
  }

  /**
   * Verifies {@code occurrence} for {@code attestor} and {@code image}, as {@link #verify(Attestor,
   * JsonNode, Digest)} does. The occurrence's resource URI must also name the repository of {@code
   * image} (in canonical form), because the signed content is checked against that URI.
   *
   * @param image an image by digest
   */
  public VerificationResult verify(Attestor attestor, JsonNode occurrence, ImageReference image) {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(image.digest(), "image.digest()");
    return verify(attestor, occurrence, image.digest(), image);
  }

  private VerificationResult verify(
      Attestor attestor, JsonNode occurrence, Digest digest, ImageReference image) {
    Objects.requireNonNull(attestor, "attestor");

    AttestationOccurrence read;
    try {
      read = AttestationOccurrence.read(occurrence);
      checkNoteAndResource(attestor, read, digest);
      if (image != null) {
        checkRepository(read, image);
      }
    } catch (VerificationException e) {
      return VerificationResult.rejected(e.toFailure());
    }

    List<VerificationFailure> failures = new ArrayList<>();
    for (SignatureEntry entry : read.signatures()) {
      try {
        String keyId = verifySignature(attestor, read, entry, digest);
        return VerificationResult.verified(keyId, failures);
      } catch (VerificationException e) {
        failures.add(e.toFailure());
      }
    }
    return VerificationResult.rejected(failures);
  }

  private static void checkNoteAndResource(
      Attestor attestor, AttestationOccurrence occurrence, Digest digest)
      throws VerificationException {
    if (!occurrence.noteName().equals(attestor.noteName())) {
      throw new VerificationException(
          FailureReason.NOTE_MISMATCH,
          "the occurrence is on note "
              + occurrence.noteName()
              + ", but attestor \""
              + attestor.name()
              + "\" attests on "
              + attestor.noteName());
    }
    if (!occurrence.resource().digest().equals(digest)) {
      throw new VerificationException(
          FailureReason.RESOURCE_DIGEST_MISMATCH,
          "the occurrence's resource URI names digest "
              + occurrence.resource().digest()
              + ", not "
              + digest);
    }
  }

  private static void checkRepository(AttestationOccurrence occurrence, ImageReference image)
      throws VerificationException {
    String resourceName = occurrence.resource().canonicalName();
    if (!resourceName.equals(image.canonicalName())) {
      throw new VerificationException(
          FailureReason.RESOURCE_REPOSITORY_MISMATCH,
          "the occurrence's resource URI names repository "
              + resourceName
              + ", not "
              + image.canonicalName());
    }
  }

  /** Returns the id of the attestor key that verified {@code entry}. */
  private static String verifySignature(
      Attestor attestor, AttestationOccurrence occurrence, SignatureEntry entry, Digest digest)
      throws VerificationException {
    byte[] signature = entry.decode();
    if (isOpenPgp(attestor, entry, signature)) {
      return verifyOpenPgp(attestor, occurrence, entry, signature, digest);
    }
    return verifyPkix(attestor, occurrence, entry, signature, digest);
  }

  /**
   * Chooses the OpenPGP path when the entry is a {@code pgpSignedAttestation}, when its {@code
   * publicKeyId} names an OpenPGP key of the attestor, or when it names no key and the bytes read
   * as OpenPGP.
   */
  private static boolean isOpenPgp(Attestor attestor, SignatureEntry entry, byte[] signature) {
    if (entry.openPgpOnly()) {
      return true;
    }
    AttestorKey named = AttestorKeyLookup.findById(attestor, entry.publicKeyId());
    if (named != null) {
      return named instanceof OpenPgpAttestorKey;
    }
    return OpenPgpSignatures.looksLikeOpenPgp(signature);
  }

  private static String verifyOpenPgp(
      Attestor attestor,
      AttestationOccurrence occurrence,
      SignatureEntry entry,
      byte[] signature,
      Digest digest)
      throws VerificationException {
    OpenPgpSignatures.Message message = OpenPgpSignatures.parse(signature);
    if (message.form() == Form.DETACHED && occurrence.payload().length == 0) {
      throw new VerificationException(
          FailureReason.OCCURRENCE_MALFORMED,
          "the OpenPGP signature is detached, but the attestation has no serializedPayload");
    }

    OpenPgpSignatures.Verified verified =
        OpenPgpSignatures.verify(
            attestor.name(),
            message,
            occurrence.payload(),
            AttestorKeyLookup.openPgpKeys(attestor));
    checkOpenPgpKeyId(entry, verified);
    checkOpenPgpContent(occurrence, verified.message(), digest);
    return verified.key().id();
  }

  private static void checkOpenPgpKeyId(SignatureEntry entry, OpenPgpSignatures.Verified verified)
      throws VerificationException {
    String publicKeyId = entry.publicKeyId();
    if (publicKeyId == null) {
      throw new VerificationException(
          FailureReason.KEY_ID_MISMATCH,
          "the signature verifies with key "
              + verified.key().id()
              + ", but the occurrence gives no key id for it");
    }
    if (!verified.key().isNamedBy(publicKeyId, verified.signer())) {
      throw new VerificationException(
          FailureReason.KEY_ID_MISMATCH,
          "the signature verifies with key "
              + verified.key().id()
              + ", but the occurrence names key \""
              + publicKeyId
              + "\"");
    }
  }

  private static void checkOpenPgpContent(
      AttestationOccurrence occurrence, OpenPgpSignatures.Message message, Digest digest)
      throws VerificationException {
    byte[] payload = occurrence.payload();
    switch (message.form()) {
      case DETACHED:
        SignedContentChecks.checkSimpleSigning(payload, occurrence.resource(), digest);
        return;
      case INLINE:
        requireSameContent(payload.length == 0 || Arrays.equals(payload, message.content()));
        SignedContentChecks.checkSimpleSigning(message.content(), occurrence.resource(), digest);
        return;
      case CLEAR_SIGNED:
        checkClearText(occurrence, message.clearText(), digest);
        return;
      default:
        throw new IllegalStateException("unhandled OpenPGP form " + message.form());
    }
  }

  /**
   * Checks the clear text: a simple-signing payload when it is a JSON object, else the 2017
   * tutorial form, which is exactly the digest or the image by digest.
   */
  private static void checkClearText(
      AttestationOccurrence occurrence, String clearText, Digest digest)
      throws VerificationException {
    byte[] payload = occurrence.payload();
    if (payload.length > 0) {
      String canonicalPayload =
          ClearSignedMessage.canonicalText(new String(payload, StandardCharsets.UTF_8));
      requireSameContent(canonicalPayload.equals(clearText));
    }

    if (clearText.startsWith("{")) {
      byte[] json = clearText.getBytes(StandardCharsets.UTF_8);
      SignedContentChecks.checkSimpleSigning(json, occurrence.resource(), digest);
      return;
    }
    SignedContentChecks.checkDigestText(clearText, occurrence.resource(), digest);
  }

  private static void requireSameContent(boolean same) throws VerificationException {
    if (!same) {
      throw new VerificationException(
          FailureReason.SIGNED_CONTENT_MISMATCH,
          "the content inside the OpenPGP message differs from attestation.serializedPayload");
    }
  }

  private static String verifyPkix(
      Attestor attestor,
      AttestationOccurrence occurrence,
      SignatureEntry entry,
      byte[] signature,
      Digest digest)
      throws VerificationException {
    if (occurrence.payload().length == 0) {
      throw new VerificationException(
          FailureReason.OCCURRENCE_MALFORMED,
          "the signature is not OpenPGP, so it needs attestation.serializedPayload, which is"
              + " missing");
    }

    PkixAttestorKey key =
        PkixSignatures.verify(
            attestor.name(),
            signature,
            occurrence.payload(),
            entry.publicKeyId(),
            AttestorKeyLookup.pkixKeys(attestor));
    SignedContentChecks.checkSimpleSigning(occurrence.payload(), occurrence.resource(), digest);
    return key.id();
  }
}
