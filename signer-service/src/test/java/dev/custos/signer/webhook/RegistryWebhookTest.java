package dev.custos.signer.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.custos.embedded.EmbeddedServersResource;
import dev.custos.embedded.InjectTestInfrastructure;
import dev.custos.embedded.TestInfrastructure;
import dev.custos.events.Topics;
import dev.custos.events.cloudevents.CloudEventKafkaCodec;
import dev.custos.events.cloudevents.ReceivedCloudEvent;
import dev.custos.events.registry.ImagePushed;
import dev.custos.signer.pushes.PushEventIds;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The webhook endpoint against the real embedded broker, with the registries of the test profile:
 * {@code dev} (bearer token), {@code header} (shared secret in {@code X-Registry-Secret}) and
 * {@code signed} (bearer token and HMAC-SHA256 in {@code X-Signature-256}).
 */
@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class RegistryWebhookTest {
  private static final String V1 = RegistryWebhookParser.DISTRIBUTION_EVENTS_V1;
  private static final String DEV_AUTHORIZATION = "Bearer registry-webhook-token";
  private static final String SIGNED_AUTHORIZATION = "Bearer signed-token";
  private static final String HMAC_KEY = "hmac-test-key";
  private static final String OCI_MANIFEST_DIGEST =
      "sha256:e58f00228471dd110757629c4e16e8672e6f742754adfed6d5c01e6fd4886c58";
  private static final String OCI_MANIFEST_EVENT_ID = "cc7c8a7a-7803-400f-9208-181661dbdd49";
  private static final String V2S2_DIGEST =
      "sha256:db7e764e69752f72e63b0bf6bc55600742c474b89c86ae0435e4beaa02a4f795";

  private static final RestAssuredConfig EXACT_CONTENT_TYPE =
      RestAssuredConfig.config()
          .encoderConfig(
              EncoderConfig.encoderConfig()
                  .appendDefaultContentCharsetToContentTypeIfUndefined(false));

  private final CloudEventKafkaCodec codec = new CloudEventKafkaCodec();

  @InjectTestInfrastructure TestInfrastructure infrastructure;

  @TestHTTPResource("/webhooks/registry/dev")
  URI devEndpoint;

  @Test
  void distributionSamplePublishesOnePush() {
    String file = "registry-01-push-oci-manifest.jsonl";
    List<RegistrySamples.Request> requests = RegistrySamples.read(file);

    for (RegistrySamples.Request request : requests) {
      post("dev", request.contentType(), request.body(), "Authorization", request.authorization())
          .statusCode(202)
          .body("registry", equalTo("dev"));
    }

    List<ConsumerRecord<String, byte[]>> records = recordsWithKey(OCI_MANIFEST_DIGEST);
    assertThat(records).hasSize(1);
    ConsumerRecord<String, byte[]> record = records.get(0);
    String expectedId = PushEventIds.eventId("dev", OCI_MANIFEST_EVENT_ID);
    assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
    assertThat(header(record, "ce_id")).isEqualTo(expectedId);
    assertThat(header(record, "ce_type")).isEqualTo("dev.custos.registry.image.pushed");
    assertThat(header(record, "ce_source")).isEqualTo("/custos/signer/webhooks/registry/dev");
    assertThat(header(record, "ce_time")).isEqualTo("2026-12-04T14:30:47.943113736Z");
    assertThat(header(record, "content-type")).isEqualTo("application/json");

    ReceivedCloudEvent event = codec.decode(record.headers(), record.value());
    RegistryNotification parsed = RegistrySamples.parseAll(file, "localhost:5000");
    assertThat(event.data()).isEqualTo(parsed.pushes().get(0));
  }

  @Test
  void sampleReceiptsCountEveryEvent() {
    List<RegistrySamples.Request> requests =
        RegistrySamples.read("registry-01-push-oci-manifest.jsonl");

    post("dev", V1, requests.get(0).body(), "Authorization", DEV_AUTHORIZATION)
        .statusCode(202)
        .body("published", equalTo(0))
        .body("attachedArtifacts", equalTo(0))
        .body("ignored.BLOB_PUSH", equalTo(1));
    post("dev", V1, requests.get(2).body(), "Authorization", DEV_AUTHORIZATION)
        .statusCode(202)
        .body("published", equalTo(1))
        .body("ignored", equalTo(Map.of()));
  }

  @Test
  void attachedArtifactsAreNotPublished() {
    int attached = 0;
    for (RegistrySamples.Request request : RegistrySamples.read("registry-12-oras-attach.jsonl")) {
      attached +=
          post("dev", request.contentType(), request.body(), "Authorization", DEV_AUTHORIZATION)
              .statusCode(202)
              .body("published", equalTo(0))
              .extract()
              .<Integer>path("attachedArtifacts");
    }

    assertThat(attached).isEqualTo(2);
    assertThat(
            recordsWithKey(
                "sha256:a45f632cedcd0dce8d7b9f37a21492b3d433b2f5cdc5ef2270d71fef74015da9"))
        .isEmpty();
    assertThat(
            recordsWithKey(
                "sha256:c52183ae94f4710cf515229973510e27619081da9c5aa9cedfe25662bfd84750"))
        .isEmpty();
  }

  @Test
  void redeliveryKeepsOneEventId() {
    List<RegistrySamples.Request> requests =
        RegistrySamples.read("registry-03-cross-repo-v2s2.jsonl");

    for (int delivery = 0; delivery < 5; delivery++) {
      for (RegistrySamples.Request request : requests) {
        post("header", request.contentType(), request.body(), "X-Registry-Secret", "header-secret")
            .statusCode(202);
      }
    }

    List<ConsumerRecord<String, byte[]>> records = recordsWithKey(V2S2_DIGEST);
    assertThat(records).hasSize(5);
    assertThat(records)
        .extracting(record -> header(record, "ce_id"))
        .containsOnly(PushEventIds.eventId("header", "a1c3a748-ac6f-4b1c-a38b-78101c12e013"));
    assertThat(records)
        .extracting(record -> header(record, "ce_source"))
        .containsOnly("/custos/signer/webhooks/registry/header");
  }

  @Test
  void signedRequestIsPublished() throws Exception {
    String digest = randomDigest();
    byte[] body = manifestPush(digest);

    given()
        .config(EXACT_CONTENT_TYPE)
        .header("Content-Type", V1)
        .header("Authorization", SIGNED_AUTHORIZATION)
        .header("X-Signature-256", "sha256=" + hmac(body))
        .body(body)
        .post("/webhooks/registry/signed")
        .then()
        .statusCode(202)
        .body("published", equalTo(1));

    List<ConsumerRecord<String, byte[]>> records = recordsWithKey(digest);
    assertThat(records).hasSize(1);
    ReceivedCloudEvent event = codec.decode(records.get(0).headers(), records.get(0).value());
    assertThat(event.attributes().source()).hasToString("/custos/signer/webhooks/registry/signed");
  }

  static Stream<Arguments> authenticationFailures() throws Exception {
    return Stream.of(
        Arguments.of("dev", Map.of(), "Bearer realm=\"custos-signer\""),
        Arguments.of(
            "dev",
            Map.of("Authorization", "Bearer wrong-token"),
            "Bearer realm=\"custos-signer\", error=\"invalid_token\""),
        Arguments.of(
            "dev", Map.of("Authorization", "Basic dXNlcjpwYXNz"), "Bearer realm=\"custos-signer\""),
        Arguments.of(
            "dev",
            Map.of("Authorization", "registry-webhook-token"),
            "Bearer realm=\"custos-signer\""),
        Arguments.of("header", Map.of(), null),
        Arguments.of("header", Map.of("X-Registry-Secret", "wrong-secret"), null),
        Arguments.of("header", Map.of("Authorization", "Bearer header-secret"), null),
        Arguments.of(
            "signed",
            Map.of("Authorization", SIGNED_AUTHORIZATION),
            "Bearer realm=\"custos-signer\""),
        Arguments.of(
            "signed",
            Map.of(
                "Authorization",
                SIGNED_AUTHORIZATION,
                "X-Signature-256",
                "sha256=" + "0".repeat(64)),
            "Bearer realm=\"custos-signer\""),
        Arguments.of(
            "signed",
            Map.of("Authorization", SIGNED_AUTHORIZATION, "X-Signature-256", "not-hex"),
            "Bearer realm=\"custos-signer\""),
        Arguments.of(
            "signed",
            Map.of("Authorization", "Bearer wrong-token", "X-Signature-256", "sha256=<hmac>"),
            "Bearer realm=\"custos-signer\", error=\"invalid_token\""));
  }

  @ParameterizedTest
  @MethodSource("authenticationFailures")
  void authenticationFailureIsUnauthorized(
      String registry, Map<String, String> headers, String challenge) throws Exception {
    String digest = randomDigest();
    byte[] body = manifestPush(digest);
    RequestSpecification request =
        given().config(EXACT_CONTENT_TYPE).header("Content-Type", V1).body(body);
    for (Map.Entry<String, String> header : headers.entrySet()) {
      String value = header.getValue().replace("<hmac>", hmac(body));
      request.header(header.getKey(), value);
    }

    ValidatableResponse response =
        request.post("/webhooks/registry/" + registry).then().statusCode(401);

    response.contentType(WebhookExceptionMappers.PROBLEM_JSON).body("status", equalTo(401));
    if (challenge == null) {
      response.header("WWW-Authenticate", nullValue());
    } else {
      response.header("WWW-Authenticate", equalTo(challenge));
    }
    assertThat(recordsWithKey(digest)).isEmpty();
  }

  @Test
  void harborPushIsPublished() {
    String digest = randomDigest();
    byte[] body = harborPush(digest).getBytes(StandardCharsets.UTF_8);

    post("dev", "application/json", body, "Authorization", DEV_AUTHORIZATION)
        .statusCode(202)
        .body("published", equalTo(1));

    List<ConsumerRecord<String, byte[]>> records = recordsWithKey(digest);
    assertThat(records).hasSize(1);
    ImagePushed push =
        (ImagePushed) codec.decode(records.get(0).headers(), records.get(0).value()).data();
    assertThat(push.registry()).isEqualTo("localhost:5000");
    assertThat(push.repository()).isEqualTo("library/alpine");
    assertThat(push.tag()).isEqualTo("3.20");
  }

  @Test
  void credentialCheckedBeforeBodySize() {
    byte[] body = new byte[1024 * 1024 + 1];

    given()
        .config(EXACT_CONTENT_TYPE)
        .header("Content-Type", V1)
        .body(body)
        .post("/webhooks/registry/dev")
        .then()
        .statusCode(401);
  }

  @Test
  void declaredOversizeBodyIsRejected() {
    byte[] body = new byte[1024 * 1024 + 1];

    post("dev", V1, body, "Authorization", DEV_AUTHORIZATION)
        .statusCode(413)
        .body("detail", containsString("1048576"));
  }

  @Test
  void chunkedOversizeBodyIsRejected() throws Exception {
    byte[] body = new byte[1024 * 1024 + 1];
    HttpRequest request =
        HttpRequest.newBuilder(devEndpoint)
            .header("Content-Type", V1)
            .header("Authorization", DEV_AUTHORIZATION)
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
            .build();

    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("more than 1048576 bytes");
  }

  @Test
  void unsupportedMediaTypeNamesAccepted() {
    post(
            "dev",
            "text/plain",
            "{}".getBytes(StandardCharsets.UTF_8),
            "Authorization",
            DEV_AUTHORIZATION)
        .statusCode(415)
        .body("detail", containsString(V1))
        .body(
            "accepted",
            hasItems(V1, RegistryWebhookParser.DISTRIBUTION_EVENTS_V2, "application/json"));
  }

  @Test
  void malformedEnvelopeNamesPath() {
    byte[] body = manifestPush("sha256:abc");

    post("dev", V1, body, "Authorization", DEV_AUTHORIZATION)
        .statusCode(400)
        .body("path", equalTo("events[0].target.digest"))
        .body("detail", containsString("events[0].target.digest: invalid digest"));
  }

  @Test
  void unknownRegistryIsNotFound() {
    post("elsewhere", V1, manifestPush(randomDigest()), "Authorization", DEV_AUTHORIZATION)
        .statusCode(404)
        .body("detail", containsString("3 registries"))
        .body("detail", not(containsString("dev")))
        .body("detail", not(containsString("header")))
        .body("detail", not(containsString("signed")));
  }

  @Test
  void metricsCountEventsAndRejections() {
    List<RegistrySamples.Request> requests = RegistrySamples.read("registry-02-pull.jsonl");
    post("dev", V1, requests.get(0).body(), "Authorization", DEV_AUTHORIZATION).statusCode(202);
    post("dev", V1, requests.get(0).body(), "Authorization", "Bearer wrong").statusCode(401);

    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(
            containsString(
                "custos_signer_webhook_events_received_total{kind=\"pull\",registry=\"dev\"}"))
        .body(
            containsString(
                "custos_signer_webhook_requests_rejected_total{registry=\"dev\",status=\"401\"}"));
  }

  private ValidatableResponse post(
      String registry, String contentType, byte[] body, String header, String value) {
    return given()
        .config(EXACT_CONTENT_TYPE)
        .header("Content-Type", contentType)
        .header(header, value)
        .body(body)
        .post("/webhooks/registry/" + registry)
        .then();
  }

  /** Reads the whole topic up to its end offsets and keeps the records with {@code key}. */
  private List<ConsumerRecord<String, byte[]>> recordsWithKey(String key) {
    String topic = infrastructure.topic(Topics.REGISTRY_PUSHES);
    Properties properties = infrastructure.kafkaProperties();
    properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");

    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!reached(consumer, end) && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      assertThat(reached(consumer, end)).as("read %s to its end offsets", topic).isTrue();
    }
    return records.stream().filter(record -> key.equals(record.key())).toList();
  }

  private static boolean reached(
      KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
    return end.entrySet().stream()
        .allMatch(entry -> consumer.position(entry.getKey()) >= entry.getValue());
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private static String randomDigest() {
    return "sha256:" + (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
  }

  /** Returns a Distribution envelope with one manifest push, shaped like the captured ones. */
  private static byte[] manifestPush(String digest) {
    String envelope =
        "{\"events\":[{\"id\":\""
            + UUID.randomUUID()
            + "\",\"timestamp\":\"2026-12-04T15:00:00.000000001Z\",\"action\":\"push\","
            + "\"target\":{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + "\"size\":401,\"digest\":\""
            + digest
            + "\",\"length\":401,\"repository\":\"team/auth\",\"tag\":\"v1\"},"
            + "\"request\":{\"id\":\"r1\",\"host\":\"attacker.example\",\"method\":\"PUT\"},"
            + "\"actor\":{},\"source\":{\"addr\":\"vm:5055\"}}]}";
    return envelope.getBytes(StandardCharsets.UTF_8);
  }

  /** Returns a Harbor "Default" payload that claims another registry host in its URL. */
  private static String harborPush(String digest) {
    return "{\"type\":\"PUSH_ARTIFACT\",\"occur_at\":1733320247,\"operator\":\"admin\","
        + "\"event_data\":{\"resources\":[{\"digest\":\""
        + digest
        + "\",\"tag\":\"3.20\",\"resource_url\":\"attacker.example/library/alpine:3.20\"}],"
        + "\"repository\":{\"name\":\"alpine\",\"namespace\":\"library\","
        + "\"repo_full_name\":\"library/alpine\",\"repo_type\":\"private\"}}}";
  }

  private static String hmac(byte[] body) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(HMAC_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }
}
