package dev.custos.admission.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custos.events.image.ImageReference;
import dev.custos.events.image.InvalidImageReferenceException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The fields of a Grafeas v1 ATTESTATION occurrence that verification reads, from its JSON as the
 * Grafeas REST gateway renders it (camelCase, bytes as base64).
 *
 * @param noteName the occurrence's {@code noteName}
 * @param resource the image that {@code resourceUri} names, always by digest
 * @param payload the decoded {@code attestation.serializedPayload}, empty when absent
 * @param signatures the entries of {@code attestation.signatures}, or the one {@code
 *     attestation.pgpSignedAttestation} of the 2017 shape
 */
record AttestationOccurrence(
    String noteName, ImageReference resource, byte[] payload, List<SignatureEntry> signatures) {
  static final String KIND = "ATTESTATION";

  /**
   * Maximum number of signatures read from one occurrence. Each one may be tried against every key
   * of the attestor, so the limit bounds the work that one stored occurrence can cause.
   */
  static final int MAX_SIGNATURES = 64;

  /**
   * One signature of the occurrence.
   *
   * @param encoded the signature as stored: base64 for {@code signatures[].signature}, armored text
   *     (or base64 of it) for {@code pgpSignedAttestation.signature}
   * @param publicKeyId {@code publicKeyId}, or {@code pgpKeyId} in the 2017 shape, or null
   * @param openPgpOnly true for {@code pgpSignedAttestation}, whose signature is always OpenPGP
   */
  record SignatureEntry(String encoded, String publicKeyId, boolean openPgpOnly) {
    /**
     * Decodes the signature bytes.
     *
     * @throws VerificationException with {@link FailureReason#SIGNATURE_MALFORMED} if the base64 is
     *     invalid
     */
    byte[] decode() throws VerificationException {
      if (openPgpOnly && encoded.stripLeading().startsWith("-----BEGIN PGP ")) {
        return encoded.getBytes(StandardCharsets.UTF_8);
      }
      try {
        return decodeBase64(encoded);
      } catch (IllegalArgumentException e) {
        throw new VerificationException(
            FailureReason.SIGNATURE_MALFORMED,
            "the signature is not valid base64: " + e.getMessage());
      }
    }
  }

  /**
   * Reads the occurrence.
   *
   * @throws VerificationException with {@link FailureReason#OCCURRENCE_MALFORMED}, {@link
   *     FailureReason#KIND_UNSUPPORTED}, {@link FailureReason#RESOURCE_URI_INVALID}, {@link
   *     FailureReason#RESOURCE_URI_WITHOUT_DIGEST} or {@link FailureReason#NO_SIGNATURES}
   */
  static AttestationOccurrence read(JsonNode occurrence) throws VerificationException {
    if (occurrence == null || !occurrence.isObject()) {
      throw malformed("the occurrence is not a JSON object");
    }
    checkKind(occurrence.path("kind"));

    String noteName = requireText(occurrence, "noteName");
    ImageReference resource = parseResource(requireText(occurrence, "resourceUri"));

    JsonNode attestation = occurrence.path("attestation");
    if (!attestation.isObject()) {
      throw malformed("the occurrence has no \"attestation\" object");
    }
    byte[] payload = readPayload(attestation.path("serializedPayload"));
    List<SignatureEntry> signatures = readSignatures(attestation);
    return new AttestationOccurrence(noteName, resource, payload, signatures);
  }

  private static void checkKind(JsonNode kind) throws VerificationException {
    if (kind.isMissingNode() || kind.isNull()) {
      return;
    }
    if (!kind.isTextual() || !kind.textValue().equals(KIND)) {
      throw new VerificationException(
          FailureReason.KIND_UNSUPPORTED,
          "the occurrence kind is " + kind + ", and only " + KIND + " is verified");
    }
  }

  private static ImageReference parseResource(String resourceUri) throws VerificationException {
    try {
      return ImageReference.parseResourceUri(resourceUri);
    } catch (InvalidImageReferenceException e) {
      boolean digestMissing =
          e.part() == InvalidImageReferenceException.Part.DIGEST && "".equals(e.value());
      FailureReason reason =
          digestMissing
              ? FailureReason.RESOURCE_URI_WITHOUT_DIGEST
              : FailureReason.RESOURCE_URI_INVALID;
      throw new VerificationException(reason, "resourceUri: " + e.getMessage(), e);
    }
  }

  private static byte[] readPayload(JsonNode serializedPayload) throws VerificationException {
    if (serializedPayload.isMissingNode() || serializedPayload.isNull()) {
      return new byte[0];
    }
    if (!serializedPayload.isTextual()) {
      throw malformed("attestation.serializedPayload is not a base64 string");
    }
    try {
      return decodeBase64(serializedPayload.textValue());
    } catch (IllegalArgumentException e) {
      throw malformed("attestation.serializedPayload is not valid base64: " + e.getMessage());
    }
  }

  private static List<SignatureEntry> readSignatures(JsonNode attestation)
      throws VerificationException {
    List<SignatureEntry> entries = new ArrayList<>();
    JsonNode pgpSigned = attestation.path("pgpSignedAttestation");
    if (pgpSigned.isObject()) {
      String signature = requireText(pgpSigned, "signature", "attestation.pgpSignedAttestation");
      entries.add(new SignatureEntry(signature, optionalText(pgpSigned, "pgpKeyId"), true));
    }

    JsonNode signatures = attestation.path("signatures");
    if (!signatures.isMissingNode() && !signatures.isNull() && !signatures.isArray()) {
      throw malformed("attestation.signatures is not an array");
    }
    for (JsonNode signature : signatures) {
      String encoded = requireText(signature, "signature", "attestation.signatures[]");
      entries.add(new SignatureEntry(encoded, optionalText(signature, "publicKeyId"), false));
    }

    if (entries.size() > MAX_SIGNATURES) {
      throw malformed(
          "the attestation has "
              + entries.size()
              + " signatures, and the maximum is "
              + MAX_SIGNATURES);
    }
    if (entries.isEmpty()) {
      throw new VerificationException(
          FailureReason.NO_SIGNATURES,
          "the attestation has no signatures and no pgpSignedAttestation (JWTs are not verified)");
    }
    return entries;
  }

  /** Decodes standard or URL-safe base64, padded or not, as protobuf's JSON mapping accepts. */
  static byte[] decodeBase64(String text) {
    boolean urlSafe = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
    Base64.Decoder decoder = urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder();
    return decoder.decode(text);
  }

  private static String requireText(JsonNode node, String field) throws VerificationException {
    return requireText(node, field, "the occurrence");
  }

  private static String requireText(JsonNode node, String field, String where)
      throws VerificationException {
    JsonNode value = node.path(field);
    if (!value.isTextual() || value.textValue().isEmpty()) {
      throw malformed(where + " has no string \"" + field + "\"");
    }
    return value.textValue();
  }

  private static String optionalText(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() && !value.textValue().isEmpty() ? value.textValue() : null;
  }

  private static VerificationException malformed(String message) {
    return new VerificationException(FailureReason.OCCURRENCE_MALFORMED, message);
  }
}
