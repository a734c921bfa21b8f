package dev.custos.signer.signapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custos.embedded.EmbeddedServersResource;
import dev.custos.embedded.InjectTestInfrastructure;
import dev.custos.embedded.TestInfrastructure;
import dev.custos.events.Topics;
import dev.custos.events.cloudevents.CloudEventKafkaCodec;
import dev.custos.events.cloudevents.ReceivedCloudEvent;
import dev.custos.events.signer.ImageSigned;
import dev.custos.events.signer.SigningRefused;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/sign} and the runner inside the running service, against the embedded Kafka
 * broker and a metadata-service contract server. Signatures are checked with {@code openssl}.
 */
@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
@WithTestResource(SignerWorkflowResource.class)
class SignResourceTest {
  private static final String TOKEN = "custos-dev-token";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @InjectTestInfrastructure TestInfrastructure infrastructure;

  // Read when used, not injected: every test class of the module is a bean of each test
  // application, and the other classes' applications have no signing key configured.
  private static URI metadataUrl() {
    return ConfigProvider.getConfig().getValue("custos.signer.metadata.url", URI.class);
  }

  private static Path keyFile() {
    return ConfigProvider.getConfig()
        .getValue("custos.signer.keys.release-ec.private-key.file", Path.class);
  }

  @Test
  void missingTokenRejected() {
    given()
        .body(request("localhost:5000/team/app@" + digest('a')))
        .post("/v1/sign")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", "Bearer realm=\"custos-signer\"")
        .contentType("application/problem+json");
  }

  @Test
  void wrongTokenRejected() {
    sign("Bearer not-the-token", request("localhost:5000/team/app@" + digest('a'))).statusCode(401);
    sign("Basic " + TOKEN, request("localhost:5000/team/app@" + digest('a'))).statusCode(401);
    sign("Bearer", request("localhost:5000/team/app@" + digest('a'))).statusCode(401);
  }

  @Test
  void malformedRequestsRejected() {
    sign("Bearer " + TOKEN, "not json").statusCode(400).body("detail", containsString("not JSON"));
    sign("Bearer " + TOKEN, "[]").statusCode(400).body("detail", containsString("JSON object"));
    sign("Bearer " + TOKEN, "{\"image\":\"localhost:5000/team/app@" + digest('a') + "\"}")
        .statusCode(400)
        .body("detail", containsString("authority"));
    sign(
            "Bearer " + TOKEN,
            "{\"authority\":\"projects/custos/release\",\"image\":\"localhost:5000/team/app@"
                + digest('a')
                + "\"}")
        .statusCode(400)
        .body("detail", containsString("projects/custos/release"));
    sign("Bearer " + TOKEN, request("localhost:5000/team/app:1.0"))
        .statusCode(400)
        .body("detail", containsString("has no digest"));
    sign("Bearer " + TOKEN, request("localhost:5000/Team/app@sha256:abc"))
        .statusCode(400)
        .body("detail", containsString("image:"));
    sign("Bearer " + TOKEN, request("localhost:5000/team/app@" + digest('a')) + " trailing")
        .statusCode(400);
  }

  @Test
  void unconfiguredAuthorityRejected() {
    String body =
        "{\"authority\":\"projects/other/notes/qa\",\"image\":\"localhost:5000/team/app@"
            + digest('a')
            + "\"}";
    sign("Bearer " + TOKEN, body)
        .statusCode(400)
        .body("detail", containsString("no workflow rule of authority projects/other/notes/qa"));
    sign("Bearer " + TOKEN, request("localhost:5000/elsewhere/app@" + digest('a')))
        .statusCode(400)
        .body("detail", containsString("localhost:5000/elsewhere/app"));
  }

  @Test
  void signRequestCreatesOneAttestation() throws Exception {
    String digest = digest('b');
    String image = "localhost:5000/team/api:3.1@" + digest;

    String first =
        sign("Bearer " + TOKEN, request(image))
            .statusCode(200)
            .body("outcome", equalTo("signed"))
            .body("created", equalTo(true))
            .body("workflowRule", equalTo("team"))
            .body("digest", equalTo(digest))
            .body("repository", equalTo("localhost:5000/team/api"))
            .extract()
            .path("attestation");
    sign("Bearer " + TOKEN, request(image))
        .statusCode(200)
        .body("outcome", equalTo("signed"))
        .body("created", equalTo(false))
        .body("attestation", equalTo(first));

    List<JsonNode> attestations = attestations("https://localhost:5000/team/api@" + digest);
    assertThat(attestations).hasSize(1);
    assertThat(attestations.get(0).get("name").asText()).isEqualTo(first);
    byte[] payload =
        Base64.getDecoder()
            .decode(attestations.get(0).at("/attestation/serializedPayload").asText());
    byte[] signature =
        Base64.getDecoder()
            .decode(attestations.get(0).at("/attestation/signatures/0/signature").asText());
    assertThat(new String(payload, StandardCharsets.UTF_8))
        .contains("\"docker-reference\":\"localhost:5000/team/api:3.1\"");
    assertThat(opensslVerifies(payload, signature)).isTrue();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !outcomes(digest, ImageSigned.class).isEmpty());
  }

  @Test
  void vulnerableImageRefused() throws Exception {
    String digest = digest('c');
    createOccurrence(
        "scanner",
        "{\"resourceUri\":\"https://localhost:5000/team/api@"
            + digest
            + "\",\"noteName\":\""
            + SignerWorkflowResource.VULNERABILITY_NOTE
            + "\",\"vulnerability\":{\"effectiveSeverity\":\"CRITICAL\",\"fixAvailable\":true}}");

    sign("Bearer " + TOKEN, request("localhost:5000/team/api@" + digest))
        .statusCode(200)
        .body("outcome", equalTo("refused"))
        .body("attestation", nullValue())
        .body("reasons[0].code", equalTo("VULNERABILITY_ABOVE_THRESHOLD"))
        .body("reasons[0].message", containsString("CVE-2024-3094"));

    assertThat(attestations("https://localhost:5000/team/api@" + digest)).isEmpty();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !outcomes(digest, SigningRefused.class).isEmpty());
  }

  @Test
  void unfinishedScanAnswersWaiting() throws Exception {
    String digest = digest('d');

    sign("Bearer " + TOKEN, request("localhost:5000/scanned/api@" + digest))
        .statusCode(202)
        .header("Retry-After", "60")
        .body("outcome", equalTo("waiting"))
        .body("workflowRule", equalTo("scanned"));

    assertThat(attestations("https://localhost:5000/scanned/api@" + digest)).isEmpty();
  }

  @Test
  void webhookPushSignedByRunner() throws Exception {
    JsonNode sample = captured("registry-01-push-oci-manifest.jsonl", 3);
    String digest = sample.at("/json/events/0/target/digest").asText();

    given()
        .contentType(sample.at("/headers/Content-Type").asText())
        .header("Authorization", sample.at("/headers/Authorization").asText())
        .body(JSON.writeValueAsBytes(sample.get("json")))
        .post("/webhooks/registry/dev")
        .then()
        .statusCode(202)
        .body("published", equalTo(1));

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> !outcomes(digest, ImageSigned.class).isEmpty());
    List<JsonNode> attestations = attestations("https://localhost:5000/team/demo@" + digest);
    assertThat(attestations).hasSize(1);
    ImageSigned signed = outcomes(digest, ImageSigned.class).get(0).data(ImageSigned.class);
    assertThat(signed.attestationOccurrenceName())
        .isEqualTo(attestations.get(0).get("name").asText());
    assertThat(signed.workflowRule()).isEqualTo("team");

    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(metrics)
        .contains("custos_signer_workflow_pushes_received_total{action=\"workflow\"");
    assertThat(metrics)
        .contains("custos_signer_workflow_signed_total{created=\"true\",rule=\"team\"");
  }

  private ValidatableResponse sign(String authorization, String body) {
    return given().header("Authorization", authorization).body(body).post("/v1/sign").then();
  }

  private static String request(String image) {
    return "{\"authority\":\""
        + SignerWorkflowResource.AUTHORITY
        + "\",\"image\":\""
        + image
        + "\"}";
  }

  private static String digest(char hex) {
    return "sha256:" + String.valueOf(hex).repeat(64);
  }

  private List<JsonNode> attestations(String resourceUri) throws Exception {
    String filter =
        URLEncoder.encode("resourceUri=\"" + resourceUri + "\"", StandardCharsets.UTF_8);
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(metadataUrl() + "/v1/projects/custos/occurrences?filter=" + filter))
                .header("Authorization", "Bearer " + TOKEN)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode occurrence : JSON.readTree(response.body()).path("occurrences")) {
      if ("ATTESTATION".equals(occurrence.path("kind").asText())) {
        found.add(occurrence);
      }
    }
    return found;
  }

  private void createOccurrence(String project, String body) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(metadataUrl() + "/v1/projects/" + project + "/occurrences"))
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private List<ReceivedCloudEvent> outcomes(String digest, Class<?> type) {
    Properties properties = infrastructure.kafkaProperties();
    properties.put(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    properties.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    CloudEventKafkaCodec codec = new CloudEventKafkaCodec();
    List<ReceivedCloudEvent> events = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties)) {
      String topic = infrastructure.topic(Topics.SIGNER_OUTCOMES);
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      var end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
          && System.nanoTime() < deadline) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          if (digest.equals(record.key())) {
            ReceivedCloudEvent event = codec.decode(record.headers(), record.value());
            if (type.isInstance(event.data())) {
              events.add(event);
            }
          }
        }
      }
    }
    return events;
  }

  private static JsonNode captured(String file, int seq) throws IOException {
    try (InputStream in = SignResourceTest.class.getResourceAsStream("/registry/" + file)) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        JsonNode node = JSON.readTree(line);
        if (node.path("seq").asInt() == seq) {
          return node;
        }
      }
    }
    throw new IllegalArgumentException("no request " + seq + " in " + file);
  }

  private boolean opensslVerifies(byte[] payload, byte[] signature) throws Exception {
    Path dir = Files.createTempDirectory("custos-verify");
    Path payloadFile = Files.write(dir.resolve("payload.json"), payload);
    Path signatureFile = Files.write(dir.resolve("payload.sig"), signature);
    Path publicKey = keyFile().resolveSibling("ec.pub.pem");
    Process process =
        new ProcessBuilder(
                "openssl",
                "dgst",
                "-sha256",
                "-verify",
                publicKey.toString(),
                "-signature",
                signatureFile.toString(),
                payloadFile.toString())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("openssl.log").toFile())
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return process.exitValue() == 0;
  }
}
