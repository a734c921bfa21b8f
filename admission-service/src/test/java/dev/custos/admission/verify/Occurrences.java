package dev.custos.admission.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Builds Grafeas v1 ATTESTATION occurrence JSON and reads test resources. */
final class Occurrences {
  static final ObjectMapper JSON = new ObjectMapper();

  static final String NOTE = "projects/custos/notes/qa-attestor";
  static final String REPOSITORY = "127.0.0.1:5055/feas/demo";
  static final String DIGEST =
      "sha256:e58f00228471dd110757629c4e16e8672e6f742754adfed6d5c01e6fd4886c58";
  static final String OTHER_DIGEST =
      "sha256:156c63133c8adeb744b0029efc7b79c0efd5bfa2bf81240eee59180290fa0371";
  static final String RESOURCE_URI = "https://" + REPOSITORY + "@" + DIGEST;

  private Occurrences() {}

  /** Returns an occurrence with a serialized payload and one signature. */
  static ObjectNode withSignature(byte[] payload, byte[] signature, String publicKeyId) {
    ObjectNode occurrence = base(RESOURCE_URI);
    ObjectNode attestation = occurrence.putObject("attestation");
    if (payload != null) {
      attestation.put("serializedPayload", base64(payload));
    }
    ArrayNode signatures = attestation.putArray("signatures");
    addSignature(signatures, signature, publicKeyId);
    return occurrence;
  }

  /** Returns an occurrence in the 2017 shape, with an armored pgpSignedAttestation. */
  static ObjectNode pgpSigned(String armoredSignature, String pgpKeyId) {
    ObjectNode occurrence = base(RESOURCE_URI);
    ObjectNode pgp = occurrence.putObject("attestation").putObject("pgpSignedAttestation");
    pgp.put("signature", armoredSignature);
    pgp.put("contentType", "CONTENT_TYPE_UNSPECIFIED");
    pgp.put("pgpKeyId", pgpKeyId);
    return occurrence;
  }

  static void addSignature(ArrayNode signatures, byte[] signature, String publicKeyId) {
    ObjectNode entry = signatures.addObject().put("signature", base64(signature));
    if (publicKeyId != null) {
      entry.put("publicKeyId", publicKeyId);
    }
  }

  static ObjectNode base(String resourceUri) {
    ObjectNode occurrence = JSON.createObjectNode();
    occurrence.put("name", "projects/custos/occurrences/0e5b2c5e");
    occurrence.put("resourceUri", resourceUri);
    occurrence.put("noteName", NOTE);
    occurrence.put("kind", "ATTESTATION");
    return occurrence;
  }

  /**
   * Returns a simple-signing payload, as containers/image writes it, for a repository and digest.
   */
  static byte[] simpleSigningPayload(String dockerReference, String digest) {
    ObjectNode payload = JSON.createObjectNode();
    ObjectNode critical = payload.putObject("critical");
    critical.putObject("identity").put("docker-reference", dockerReference);
    critical.putObject("image").put("docker-manifest-digest", digest);
    critical.put("type", "atomic container signature");
    payload.putObject("optional");
    return payload.toString().getBytes(StandardCharsets.UTF_8);
  }

  static byte[] simpleSigningPayload() {
    return simpleSigningPayload(REPOSITORY, DIGEST);
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] resource(String name) {
    try (InputStream in = Occurrences.class.getResourceAsStream("/verify/" + name)) {
      if (in == null) {
        throw new IllegalStateException("test resource /verify/" + name + " not found");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String resourceText(String name) {
    return new String(resource(name), StandardCharsets.UTF_8);
  }

  static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
