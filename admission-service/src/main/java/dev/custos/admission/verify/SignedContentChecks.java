package dev.custos.admission.verify;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.custos.events.image.Digest;
import dev.custos.events.image.ImageReference;
import dev.custos.events.image.InvalidImageReferenceException;
import java.io.IOException;

/**
 * Checks that signed content binds the digest and repository being verified. Run only on content
 * whose signature verified.
 */
final class SignedContentChecks {
  /** Value of {@code critical.type} in a containers/image simple-signing payload. */
  static final String SIMPLE_SIGNING_TYPE = "atomic container signature";

  /**
   * Rejects duplicate keys, so that no other JSON parser can read a different digest out of the
   * same signed bytes, and trailing content after the object.
   */
  private static final ObjectMapper STRICT_JSON =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private SignedContentChecks() {}

  /**
   * Checks a containers/image simple-signing payload: {@code critical.type} is {@value
   * #SIMPLE_SIGNING_TYPE}, {@code critical.image.docker-manifest-digest} is {@code digest}, and
   * {@code critical.identity.docker-reference} names the resource's repository. A tag in the
   * reference is allowed, as {@code skopeo standalone-sign} writes one. A digest in it must be
   * {@code digest}.
   */
  static void checkSimpleSigning(byte[] payload, ImageReference resource, Digest digest)
      throws VerificationException {
    JsonNode critical = readJson(payload).path("critical");
    if (!critical.isObject()) {
      throw malformed("the simple-signing payload has no \"critical\" object");
    }

    String type = requireText(critical.path("type"), "critical.type");
    if (!type.equals(SIMPLE_SIGNING_TYPE)) {
      throw malformed(
          "critical.type is \"" + type + "\", expected \"" + SIMPLE_SIGNING_TYPE + "\"");
    }

    String signedDigestText =
        requireText(
            critical.path("image").path("docker-manifest-digest"),
            "critical.image.docker-manifest-digest");
    checkDigest(parseDigest(signedDigestText), digest);

    String reference =
        requireText(
            critical.path("identity").path("docker-reference"),
            "critical.identity.docker-reference");
    checkIdentity(parseReference(reference), resource, digest);
  }

  /**
   * Checks the clear text of the 2017 tutorial form: exactly the digest, or the image by digest
   * ({@code [https://]registry/repository@digest}) with the resource's repository.
   */
  static void checkDigestText(String text, ImageReference resource, Digest digest)
      throws VerificationException {
    if (text.startsWith(Digest.SHA256 + ":") || text.startsWith(Digest.SHA512 + ":")) {
      checkDigest(parseDigest(text), digest);
      return;
    }

    ImageReference signed;
    try {
      signed = ImageReference.parseResourceUri(text);
    } catch (InvalidImageReferenceException e) {
      throw malformed(
          "the clear-signed text is neither a digest nor an image reference by digest: "
              + e.getMessage());
    }
    checkIdentity(signed, resource, digest);
  }

  private static JsonNode readJson(byte[] payload) throws VerificationException {
    try {
      JsonNode root = STRICT_JSON.readTree(payload);
      if (root == null || !root.isObject()) {
        throw malformed("the signed payload is not a JSON object");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw malformed("the signed payload is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw malformed("the signed payload cannot be read: " + e.getMessage());
    }
  }

  private static void checkDigest(Digest signed, Digest digest) throws VerificationException {
    if (!signed.equals(digest)) {
      throw new VerificationException(
          FailureReason.PAYLOAD_DIGEST_MISMATCH,
          "the signed content binds digest " + signed + ", not " + digest);
    }
  }

  private static void checkIdentity(ImageReference signed, ImageReference resource, Digest digest)
      throws VerificationException {
    if (!signed.canonicalName().equals(resource.canonicalName())) {
      throw new VerificationException(
          FailureReason.PAYLOAD_REPOSITORY_MISMATCH,
          "the signed content names repository "
              + signed.canonicalName()
              + ", but the resource URI names "
              + resource.canonicalName());
    }
    if (signed.hasDigest()) {
      checkDigest(signed.digest(), digest);
    }
  }

  private static Digest parseDigest(String text) throws VerificationException {
    try {
      return Digest.parse(text);
    } catch (InvalidImageReferenceException e) {
      throw malformed("the signed digest is invalid: " + e.getMessage());
    }
  }

  private static ImageReference parseReference(String text) throws VerificationException {
    try {
      return ImageReference.parse(text);
    } catch (InvalidImageReferenceException e) {
      throw malformed("critical.identity.docker-reference is invalid: " + e.getMessage());
    }
  }

  private static String requireText(JsonNode node, String path) throws VerificationException {
    if (!node.isTextual()) {
      throw malformed("the simple-signing payload has no string " + path);
    }
    return node.textValue();
  }

  private static VerificationException malformed(String message) {
    return new VerificationException(FailureReason.PAYLOAD_MALFORMED, message);
  }
}
