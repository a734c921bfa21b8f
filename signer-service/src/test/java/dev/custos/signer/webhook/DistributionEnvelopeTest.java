package dev.custos.signer.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.custos.events.registry.ImagePushed;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DistributionEnvelopeTest {
  private static final String HOST = "registry.example.com";
  private static final String V1 = RegistryWebhookParser.DISTRIBUTION_EVENTS_V1;
  private static final String INDEX = "sha256:" + "1".repeat(64);
  private static final String AMD64 = "sha256:" + "2".repeat(64);
  private static final String ARM64 = "sha256:" + "3".repeat(64);
  private static final String BLOB = "sha256:" + "4".repeat(64);

  private final RegistryWebhookParser parser = new RegistryWebhookParser();

  @Test
  void mixedEnvelopeKeepsOnlyManifestPush() {
    String envelope =
        envelope(
            event("e-pull", "pull", manifestTarget("application/vnd.oci.image.manifest.v1+json")),
            event(
                "e-delete", "delete", "{\"repository\":\"team/app\",\"digest\":\"" + AMD64 + "\"}"),
            event(
                "e-mount",
                "mount",
                "{\"mediaType\":\"application/octet-stream\",\"size\":10,\"digest\":\""
                    + BLOB
                    + "\",\"repository\":\"team/app\",\"fromRepository\":\"team/base\"}"),
            event(
                "e-blob",
                "push",
                "{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"size\":10,"
                    + "\"digest\":\""
                    + BLOB
                    + "\",\"repository\":\"team/app\"}"),
            event("e-index", "push", indexTarget()));

    RegistryNotification result = parse(V1, envelope);

    assertThat(result.pushes()).hasSize(1);
    ImagePushed push = result.pushes().get(0);
    assertThat(push.registryEventId()).isEqualTo("e-index");
    assertThat(push.digest()).isEqualTo(INDEX);
    assertThat(push.tag()).isEqualTo("2.0");
    assertThat(push.actor()).isEqualTo("ci-bot");
    assertThat(push.mediaType()).isEqualTo("application/vnd.oci.image.index.v1+json");
    assertThat(push.platformManifestDigests()).containsExactly(AMD64, ARM64);
    assertThat(result.ignoredCounts())
        .isEqualTo(
            Map.of(
                IgnoreReason.PULL, 1,
                IgnoreReason.DELETE, 1,
                IgnoreReason.MOUNT, 1,
                IgnoreReason.BLOB_PUSH, 1));
    assertThat(result.ignored())
        .extracting(IgnoredEvent::registryEventId, IgnoredEvent::path)
        .containsExactly(
            tuple("e-pull", "events[0]"),
            tuple("e-delete", "events[1]"),
            tuple("e-mount", "events[2]"),
            tuple("e-blob", "events[3]"));
  }

  @Test
  void registryThreeMediaTypeIsAccepted() {
    String envelope = envelope(event("e1", "push", indexTarget()));

    RegistryNotification result =
        parse(RegistryWebhookParser.DISTRIBUTION_EVENTS_V2 + "; charset=utf-8", envelope);

    assertThat(result.pushes()).hasSize(1);
  }

  @Test
  void plainJsonEnvelopeIsAccepted() {
    RegistryNotification result =
        parse("application/json", envelope(event("e1", "push", indexTarget())));

    assertThat(result.pushes()).hasSize(1);
  }

  @Test
  void emptyEventListYieldsNothing() {
    RegistryNotification result = parse(V1, "{\"events\":[]}");

    assertThat(result.pushes()).isEmpty();
    assertThat(result.ignored()).isEmpty();
  }

  @Test
  void unknownActionIsIgnored() {
    RegistryNotification result =
        parse(V1, envelope(event("e1", "tag", "{\"repository\":\"team/app\"}")));

    assertThat(result.ignoredCounts()).isEqualTo(Map.of(IgnoreReason.OTHER_ACTION, 1));
  }

  @Test
  void cosignSignatureTagIsArtifact() {
    String tag = "sha256-" + "2".repeat(64) + ".sig";
    String target =
        "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"size\":5,"
            + "\"digest\":\""
            + BLOB
            + "\",\"repository\":\"team/app\",\"tag\":\""
            + tag
            + "\"}";

    RegistryNotification result = parse(V1, envelope(event("e1", "push", target)));

    assertThat(result.pushes()).isEmpty();
    assertThat(result.attachedArtifacts()).hasSize(1);
    assertThat(result.attachedArtifacts().get(0).subjectDigest().orElseThrow().toString())
        .isEqualTo(AMD64);
  }

  @Test
  void pushByDigestHasNoTag() {
    RegistryNotification result =
        parse(V1, envelope(event("e1", "push", manifestTargetWithDigest(AMD64))));

    assertThat(result.pushes()).hasSize(1);
    assertThat(result.pushes().get(0).tag()).isNull();
    assertThat(result.pushes().get(0).digest()).isEqualTo(AMD64);
  }

  @Test
  void ociArtifactManifestIsArtifact() {
    String target = manifestTarget("application/vnd.oci.artifact.manifest.v1+json");

    RegistryNotification result = parse(V1, envelope(event("e1", "push", target)));

    assertThat(result.pushes()).isEmpty();
    assertThat(result.attachedArtifacts()).hasSize(1);
    assertThat(result.attachedArtifacts().get(0).subjectDigest()).isEmpty();
  }

  @Test
  void oneBadEventRejectsEnvelope() {
    String envelope =
        envelope(
            event("e0", "push", indexTarget()),
            event("e1", "push", indexTarget()),
            event("e2", "push", manifestTargetWithDigest("sha256:abc")));

    assertThatThrownBy(() -> parse(V1, envelope))
        .isInstanceOf(InvalidWebhookPayloadException.class)
        .hasMessageStartingWith("events[2].target.digest: invalid digest \"sha256:abc\": ")
        .extracting(e -> ((InvalidWebhookPayloadException) e).path())
        .isEqualTo("events[2].target.digest");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          missing events      | {}                                   | events: missing
          events not array    | {"events":{}}                        | events: expected an array, got object {}
          root not object     | []                                   | expected an object, got array []
          event not object    | {"events":["x"]}                     | events[0]: expected an object, got string "x"
          missing id          | {"events":[{"action":"pull","target":{}}]} | events[0].id: missing
          missing action      | {"events":[{"id":"a","target":{}}]}  | events[0].action: missing
          action not string   | {"events":[{"id":"a","action":1,"target":{}}]} | events[0].action: expected a string, got number 1
          missing target      | {"events":[{"id":"a","action":"pull"}]} | events[0].target: missing
          push without type   | {"events":[{"id":"a","action":"push","target":{}}]} | events[0].target.mediaType: missing
          not json            | {"events":                           | invalid JSON:
          trailing data       | {"events":[]} {}                     | invalid JSON:
          duplicate key       | {"events":[],"events":[]}            | invalid JSON: Duplicate field 'events'
          whitespace only     | ` `                                  | the body contains no JSON value
          """)
  void malformedEnvelopeNamesPath(String description, String body, String expectedMessage) {
    assertThatThrownBy(() -> parse(V1, body))
        .isInstanceOf(InvalidWebhookPayloadException.class)
        .hasMessageStartingWith(expectedMessage);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          repository       | "repository":"team/app"  | "repository":"Team/App"  | events[0].target.repository: invalid repository "Team/App"
          missing repo     | "repository":"team/app"  | "repo":"team/app"        | events[0].target.repository: missing
          tag              | "tag":"2.0"              | "tag":"-bad"             | events[0].target.tag: invalid tag "-bad"
          size negative    | "size":100               | "size":-1                | events[0].target.size: must not be negative, got -1
          size fraction    | "size":100               | "size":1.5               | events[0].target.size: expected an integer, got number 1.5
          size text        | "size":100               | "size":"100"             | events[0].target.size: expected an integer, got string "100"
          timestamp        | "timestamp":"2026-12-04T14:30:47.918Z" | "timestamp":"yesterday" | events[0].timestamp: invalid timestamp "yesterday"
          no timestamp     | "timestamp":"2026-12-04T14:30:47.918Z" | "time":"x"   | events[0].timestamp: missing
          reference digest | "digest":"sha256:3333    | "digest":"sha256:33X3    | events[0].target.references[1].digest: invalid digest
          actor not object | "actor":{"name":"ci-bot"} | "actor":"ci-bot"        | events[0].actor: expected an object, got string "ci-bot"
          """)
  void invalidFieldNamesPath(String description, String valid, String invalid, String message) {
    String good = envelope(event("e0", "push", indexTarget()));
    assertThat(good).contains(valid);
    String bad = good.replace(valid, invalid);

    assertThatThrownBy(() -> parse(V1, bad))
        .isInstanceOf(InvalidWebhookPayloadException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void emptyBodyIsRejected() {
    assertThatThrownBy(() -> parser.parse(V1, new byte[0], HOST))
        .isInstanceOf(InvalidWebhookPayloadException.class)
        .hasMessage("the body is empty");
  }

  @Test
  void unknownContentTypeIsUnsupported() {
    assertThatThrownBy(() -> parse("text/plain", "{}"))
        .isInstanceOf(UnsupportedWebhookMediaTypeException.class)
        .hasMessageStartingWith("unsupported Content-Type \"text/plain\"");
  }

  @Test
  void missingContentTypeIsUnsupported() {
    assertThatThrownBy(() -> parse(null, "{}"))
        .isInstanceOf(UnsupportedWebhookMediaTypeException.class)
        .hasMessage("missing Content-Type");
  }

  @Test
  void invalidConfiguredHostIsRejected() {
    byte[] body = envelope(event("e1", "push", indexTarget())).getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> parser.parse(V1, body, "bad host"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the configured registry host is invalid: invalid host");
  }

  @Test
  void dockerHubRepositoryIsCanonical() {
    byte[] body =
        envelope(event("e1", "push", indexTarget().replace("team/app", "nginx")))
            .getBytes(StandardCharsets.UTF_8);

    RegistryNotification result = parser.parse(V1, body, "index.docker.io");

    assertThat(result.pushes().get(0).registry()).isEqualTo("docker.io");
    assertThat(result.pushes().get(0).repository()).isEqualTo("library/nginx");
  }

  private RegistryNotification parse(String contentType, String body) {
    return parser.parse(contentType, body.getBytes(StandardCharsets.UTF_8), HOST);
  }

  private static String envelope(String... events) {
    return "{\"events\":[" + String.join(",", List.of(events)) + "]}";
  }

  private static String event(String id, String action, String target) {
    return "{\"id\":\""
        + id
        + "\",\"timestamp\":\"2026-12-04T14:30:47.918Z\",\"action\":\""
        + action
        + "\",\"target\":"
        + target
        + ",\"request\":{\"host\":\"attacker.example\",\"method\":\"PUT\"},"
        + "\"actor\":{\"name\":\"ci-bot\"},\"source\":{\"addr\":\"vm:5000\"}}";
  }

  private static String indexTarget() {
    return "{\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"size\":100,"
        + "\"digest\":\""
        + INDEX
        + "\",\"repository\":\"team/app\",\"tag\":\"2.0\","
        + "\"url\":\"https://attacker.example/v2/team/app/manifests/2.0\","
        + "\"references\":["
        + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"size\":50,\"digest\":\""
        + AMD64
        + "\"},"
        + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"size\":50,\"digest\":\""
        + ARM64
        + "\"}]}";
  }

  private static String manifestTarget(String mediaType) {
    return "{\"mediaType\":\""
        + mediaType
        + "\",\"size\":100,\"digest\":\""
        + AMD64
        + "\",\"repository\":\"team/app\",\"tag\":\"2.0\"}";
  }

  private static String manifestTargetWithDigest(String digest) {
    return "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"size\":100,"
        + "\"digest\":\""
        + digest
        + "\",\"repository\":\"team/app\"}";
  }
}
