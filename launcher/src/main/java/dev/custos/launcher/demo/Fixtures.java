package dev.custos.launcher.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.launcher.LauncherException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Requests captured from real peers, in the launcher's resources: a CNCF Distribution 2.8.2
 * notification of a manifest push by skopeo, and an AdmissionReview that kube-apiserver 1.20 sent
 * for a Pod.
 */
final class Fixtures {

  static final String PUSH_CAPTURE =
      "/dev/custos/launcher/demo/registry-01-push-oci-manifest.jsonl";
  static final String REVIEW_CAPTURE =
      "/dev/custos/launcher/demo/admission-review-v1-pod-create-allowed.json";

  private Fixtures() {}

  /** A captured webhook request: its headers and its JSON body. */
  record CapturedRequest(ObjectNode headers, ObjectNode body) {}

  /**
   * Returns the request of the capture that notified the manifest push (the two before it announce
   * blobs, which the signer acknowledges and ignores).
   */
  static CapturedRequest manifestPush(ObjectMapper json) {
    for (String line : read(PUSH_CAPTURE).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode request = parse(json, line, PUSH_CAPTURE);
      JsonNode target = request.path("json").path("events").path(0).path("target");
      if (target.path("mediaType").asText().endsWith("manifest.v1+json")) {
        return new CapturedRequest(
            (ObjectNode) request.get("headers").deepCopy(),
            (ObjectNode) request.get("json").deepCopy());
      }
    }
    throw new LauncherException(PUSH_CAPTURE + " has no manifest push");
  }

  /** Returns the {@code AdmissionReview} that kube-apiserver sent, without its response. */
  static ObjectNode podReview(ObjectMapper json) {
    return (ObjectNode) parse(json, read(REVIEW_CAPTURE), REVIEW_CAPTURE).get("request").deepCopy();
  }

  private static JsonNode parse(ObjectMapper json, String text, String resource) {
    try {
      return json.readTree(text);
    } catch (IOException e) {
      throw new LauncherException(resource + " is not valid JSON", e);
    }
  }

  private static String read(String resource) {
    try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new LauncherException("the launcher jar has no " + resource + "; rebuild it");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new LauncherException("reading " + resource + " failed", e);
    }
  }
}
