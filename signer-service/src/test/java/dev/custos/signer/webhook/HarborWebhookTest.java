package dev.custos.signer.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.events.registry.ImagePushed;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Harbor's "Default" webhook payload, written from the shape Harbor 2.x documents. */
class HarborWebhookTest {
  private static final String HOST = "harbor.example.com";
  private static final String DIGEST = "sha256:" + "a".repeat(64);
  private static final String OTHER_DIGEST = "sha256:" + "b".repeat(64);

  private final RegistryWebhookParser parser = new RegistryWebhookParser();

  @Test
  void taggedPushBecomesImagePushed() {
    RegistryNotification result = parse(payload("PUSH_ARTIFACT", resource(DIGEST, "3.20")));

    assertThat(result.pushes()).hasSize(1);
    ImagePushed push = result.pushes().get(0);
    assertThat(push.registry()).isEqualTo(HOST);
    assertThat(push.repository()).isEqualTo("library/alpine");
    assertThat(push.tag()).isEqualTo("3.20");
    assertThat(push.digest()).isEqualTo(DIGEST);
    assertThat(push.pushedAt()).isEqualTo(Instant.ofEpochSecond(1733320247));
    assertThat(push.actor()).isEqualTo("admin");
    assertThat(push.mediaType()).isEqualTo(HarborWebhookParser.UNREPORTED_MEDIA_TYPE);
    assertThat(push.size()).isZero();
    assertThat(push.registryEventId())
        .isEqualTo("harbor:PUSH_ARTIFACT:1733320247:" + HOST + "/library/alpine:3.20@" + DIGEST);
  }

  @Test
  void redeliveryKeepsEventId() {
    String body = payload("PUSH_ARTIFACT", resource(DIGEST, "3.20"));

    String first = parse(body).pushes().get(0).registryEventId();
    String second = parse(body).pushes().get(0).registryEventId();

    assertThat(second).isEqualTo(first);
  }

  @Test
  void pushByDigestHasNoTag() {
    RegistryNotification result = parse(payload("PUSH_ARTIFACT", resource(DIGEST, DIGEST)));

    assertThat(result.pushes().get(0).tag()).isNull();
  }

  @Test
  void eachResourceIsOnePush() {
    String resources = resource(DIGEST, "3.20") + "," + resource(OTHER_DIGEST, "edge");

    RegistryNotification result = parse(payload("PUSH_ARTIFACT", resources));

    assertThat(result.pushes())
        .extracting(ImagePushed::digest)
        .containsExactly(DIGEST, OTHER_DIGEST);
  }

  @Test
  void cosignSignaturePushIsArtifact() {
    String tag = "sha256-" + "a".repeat(64) + ".sig";

    RegistryNotification result = parse(payload("PUSH_ARTIFACT", resource(OTHER_DIGEST, tag)));

    assertThat(result.pushes()).isEmpty();
    assertThat(result.attachedArtifacts()).hasSize(1);
    assertThat(result.attachedArtifacts().get(0).subjectDigest().orElseThrow().toString())
        .isEqualTo(DIGEST);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "PULL_ARTIFACT, PULL",
    "DELETE_ARTIFACT, DELETE",
    "SCANNING_COMPLETED, OTHER_EVENT_TYPE",
    "QUOTA_EXCEED, OTHER_EVENT_TYPE"
  })
  void otherEventTypesAreIgnored(String type, IgnoreReason reason) {
    RegistryNotification result = parse(payload(type, resource(DIGEST, "3.20")));

    assertThat(result.pushes()).isEmpty();
    assertThat(result.ignoredCounts()).isEqualTo(Map.of(reason, 1));
  }

  @Test
  void namespaceAndNameReplaceFullName() {
    String body =
        payload("PUSH_ARTIFACT", resource(DIGEST, "3.20"))
            .replace("\"repo_full_name\":\"library/alpine\",", "");

    RegistryNotification result = parse(body);

    assertThat(result.pushes().get(0).repository()).isEqualTo("library/alpine");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          second digest   | "digest":"sha256:bbbb   | "digest":"sha256:bXbb   | event_data.resources[1].digest: invalid digest
          missing time    | "occur_at":1733320247   | "occurred":1733320247   | occur_at: missing
          time as text    | "occur_at":1733320247   | "occur_at":"1733320247" | occur_at: expected an integer, got string
          no repository   | "repository":{          | "repo":{                | event_data.repository: missing
          bad repository  | "repo_full_name":"library/alpine" | "repo_full_name":"Library/Alpine" | event_data.repository.repo_full_name: invalid repository
          bad tag         | "tag":"edge"            | "tag":".edge"           | event_data.resources[1].tag: invalid tag
          no resources    | "resources":[           | "items":[               | event_data.resources: missing
          """)
  void invalidFieldNamesPath(String description, String valid, String invalid, String message) {
    String resources = resource(DIGEST, "3.20") + "," + resource(OTHER_DIGEST, "edge");
    String good = payload("PUSH_ARTIFACT", resources);
    assertThat(good).contains(valid);

    assertThatThrownBy(() -> parse(good.replace(valid, invalid)))
        .isInstanceOf(InvalidWebhookPayloadException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void emptyResourcesAreRejected() {
    assertThatThrownBy(() -> parse(payload("PUSH_ARTIFACT", "")))
        .isInstanceOf(InvalidWebhookPayloadException.class)
        .hasMessage(
            "event_data.resources: missing: a PUSH_ARTIFACT payload lists at least one resource");
  }

  @Test
  void unknownJsonFormatIsRejected() {
    assertThatThrownBy(() -> parse("{\"kind\":\"push\"}"))
        .isInstanceOf(InvalidWebhookPayloadException.class)
        .hasMessageStartingWith("unknown webhook format");
  }

  private RegistryNotification parse(String body) {
    return parser.parse("application/json", body.getBytes(StandardCharsets.UTF_8), HOST);
  }

  private static String payload(String type, String resources) {
    return """
        {
          "type": "%s",
          "occur_at": 1733320247,
          "operator": "admin",
          "event_data": {
            "resources": [%s],
            "repository": {
              "date_created": 1733300000,
              "name": "alpine",
              "namespace": "library",
              "repo_full_name": "library/alpine",
              "repo_type": "private"
            }
          }
        }
        """
        .formatted(type, resources)
        .replace(": ", ":")
        .replace("{\n", "{")
        .replaceAll("\\n\\s*", "");
  }

  private static String resource(String digest, String tag) {
    return "{\"digest\":\""
        + digest
        + "\",\"tag\":\""
        + tag
        + "\",\"resource_url\":\"attacker.example/library/alpine:"
        + tag
        + "\"}";
  }
}
