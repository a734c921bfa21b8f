package dev.custos.admission.verify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An ECDSA P-256 attestor key made by the real {@code openssl}, kept in a PEM file so that a test
 * and its Quarkus test resource can share it, and the signed occurrences it makes.
 */
public final class TestAttestor {
  private final Path privateKey;

  private TestAttestor(Path privateKey) {
    this.privateKey = privateKey;
  }

  /** Generates a key at {@code privateKey} with {@code openssl genpkey}. */
  public static TestAttestor generate(Path privateKey) {
    ExternalTool.run(
        List.of(
            "openssl",
            "genpkey",
            "-algorithm",
            "EC",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-out",
            privateKey.toString()));
    return new TestAttestor(privateKey);
  }

  /** Uses a key that {@link #generate} wrote earlier. */
  public static TestAttestor existing(Path privateKey) {
    if (!Files.isRegularFile(privateKey)) {
      throw new IllegalStateException("no test key at " + privateKey);
    }
    return new TestAttestor(privateKey);
  }

  public String publicPem() {
    byte[] pem =
        ExternalTool.run(List.of("openssl", "pkey", "-in", privateKey.toString(), "-pubout"));
    return new String(pem, StandardCharsets.US_ASCII);
  }

  /** Returns the RFC 6920 id that the policy gives this key when it sets none. */
  public String keyId() {
    byte[] der =
        ExternalTool.run(
            List.of("openssl", "pkey", "-in", privateKey.toString(), "-pubout", "-outform", "DER"));
    return AttestorKeys.pkixKeyId(der);
  }

  /**
   * Returns an ATTESTATION occurrence for {@code repository@digest} with a simple-signing payload
   * signed by this key, naming the key as {@code publicKeyId}.
   */
  public ObjectNode signedOccurrence(
      String occurrenceName, String noteName, String repository, String digest) {
    return signedOccurrence(occurrenceName, noteName, repository, digest, keyId());
  }

  /** Like {@link #signedOccurrence(String, String, String, String)}, naming another key id. */
  public ObjectNode signedOccurrence(
      String occurrenceName, String noteName, String repository, String digest, String keyId) {
    byte[] payload = Occurrences.simpleSigningPayload(repository, digest);
    ObjectNode occurrence = Occurrences.withSignature(payload, sign(payload), keyId);
    occurrence.put("name", occurrenceName);
    occurrence.put("noteName", noteName);
    occurrence.put("resourceUri", "https://" + repository + "@" + digest);
    return occurrence;
  }

  private byte[] sign(byte[] payload) {
    try {
      Path input = Files.createTempFile(privateKey.getParent(), "payload", ".json");
      Files.write(input, payload);
      return ExternalTool.run(
          List.of("openssl", "dgst", "-sha256", "-sign", privateKey.toString(), input.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
