package dev.custos.signer.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custos.events.registry.ImagePushed;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Webhook requests that CNCF Distribution 2.8.2 sent while skopeo and oras pushed to it, one JSON
 * line per request with its headers and body, from {@code src/test/resources/registry/}.
 */
final class RegistrySamples {
  private static final List<String> FILES =
      List.of(
          "registry-01-push-oci-manifest.jsonl",
          "registry-02-pull.jsonl",
          "registry-03-cross-repo-v2s2.jsonl",
          "registry-04-delete.jsonl",
          "registry-09-authenticated-actor.jsonl",
          "registry-12-oras-attach.jsonl");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** One captured request. */
  record Request(int seq, String contentType, String authorization, byte[] body) {}

  private RegistrySamples() {}

  static List<String> files() {
    return FILES;
  }

  static List<Request> read(String file) {
    List<Request> requests = new ArrayList<>();
    try (InputStream in = RegistrySamples.class.getResourceAsStream("/registry/" + file)) {
      if (in == null) {
        throw new IllegalArgumentException("no sample file " + file);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        if (!line.isBlank()) {
          requests.add(toRequest(MAPPER.readTree(line)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return requests;
  }

  private static Request toRequest(JsonNode line) throws IOException {
    JsonNode headers = line.get("headers");
    return new Request(
        line.get("seq").intValue(),
        headers.get("Content-Type").textValue(),
        headers.get("Authorization").textValue(),
        MAPPER.writeValueAsBytes(line.get("json")));
  }

  /** Parses every request of a file and merges the results in order. */
  static RegistryNotification parseAll(String file, String registryHost) {
    RegistryWebhookParser parser = new RegistryWebhookParser();
    List<ImagePushed> pushes = new ArrayList<>();
    List<AttachedArtifact> artifacts = new ArrayList<>();
    List<IgnoredEvent> ignored = new ArrayList<>();
    for (Request request : read(file)) {
      RegistryNotification notification =
          parser.parse(request.contentType(), request.body(), registryHost);
      pushes.addAll(notification.pushes());
      artifacts.addAll(notification.attachedArtifacts());
      ignored.addAll(notification.ignored());
    }
    return new RegistryNotification(pushes, artifacts, ignored);
  }
}
