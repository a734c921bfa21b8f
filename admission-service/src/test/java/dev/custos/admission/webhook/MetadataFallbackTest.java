package dev.custos.admission.webhook;

import static dev.custos.admission.webhook.AdmissionTestResource.NOTE;
import static dev.custos.admission.webhook.AdmissionTestResource.REPOSITORY;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.admission.cache.VerifiedDigestCache;
import dev.custos.admission.fallback.MetadataStub;
import dev.custos.admission.verify.TestAttestor;
import dev.custos.events.image.ImageReference;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A cache miss that queries a metadata-service stub on loopback. Verified responses admit and enter
 * the cache, and untrusted ones do not. A review whose query stalls or fails is decided within the
 * deadline by the rule's {@code onError}.
 */
@QuarkusTest
@WithTestResource(FallbackTestResource.class)
class MetadataFallbackTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectNode SAMPLE_REVIEW = sampleReview();

  @ConfigProperty(name = "custos.admission.policy-file")
  Path policyFile;

  @Inject VerifiedDigestCache cache;

  @TestHTTPResource("/validate")
  URL validateUrl;

  @BeforeEach
  void awaitPolicy() {
    await().atMost(TIMEOUT).until(() -> cache.snapshot() != null);
  }

  @Test
  void missAdmittedByQueryAndCached() throws IOException {
    String digest = randomDigest("a");
    String name = "projects/custos/occurrences/" + UUID.randomUUID();
    stubOccurrences(digest, trusted().signedOccurrence(name, NOTE, REPOSITORY, digest));

    validate(podReview("uid-fallback-admit", "default", REPOSITORY + "@" + digest))
        .body("response.allowed", equalTo(true));

    List<String> requests = requestsFor(digest);
    assertThat(requests).hasSize(1);
    assertThat(requests.get(0))
        .startsWith("/v1/projects/custos/occurrences?")
        .contains(
            "filter=resourceUri=\"https://"
                + REPOSITORY
                + "@"
                + digest
                + "\" AND noteName=\""
                + NOTE
                + "\"");
    ImageReference image = ImageReference.parse(REPOSITORY + "@" + digest);
    await()
        .atMost(TIMEOUT)
        .untilAsserted(() -> assertThat(cache.snapshot().attestorsFor(image)).contains("qa"));

    validate(podReview("uid-fallback-cached", "default", REPOSITORY + "@" + digest))
        .body("response.allowed", equalTo(true));
    assertThat(requestsFor(digest)).hasSize(1);
  }

  @Test
  void outsiderSignatureFromQueryDenied() throws Exception {
    String digest = randomDigest("b");
    String name = "projects/custos/occurrences/" + UUID.randomUUID();
    stubOccurrences(digest, outsider().signedOccurrence(name, NOTE, REPOSITORY, digest));

    validate(podReview("uid-fallback-outsider", "default", REPOSITORY + "@" + digest))
        .body("response.allowed", equalTo(false))
        .body("response.status.message", containsString("No matched signatures"));

    assertThat(requestsFor(digest)).hasSize(1);
    assertThat(cache.snapshot().attestorsFor(ImageReference.parse(REPOSITORY + "@" + digest)))
        .isEmpty();
  }

  @Test
  void answerForOtherRepositoryIgnored() throws Exception {
    String digest = randomDigest("c");
    String name = "projects/custos/occurrences/" + UUID.randomUUID();
    String other = "127.0.0.1:5055/team/other";
    stubOccurrences(digest, trusted().signedOccurrence(name, NOTE, other, digest));

    validate(podReview("uid-fallback-other", "default", REPOSITORY + "@" + digest))
        .body("response.allowed", equalTo(false));

    assertThat(requestsFor(digest)).hasSize(1);
  }

  @Test
  void notFoundRememberedBriefly() throws IOException {
    String digest = randomDigest("d");

    validate(podReview("uid-fallback-none-1", "default", REPOSITORY + "@" + digest))
        .body("response.allowed", equalTo(false))
        .body("response.status.message", containsString("No matched signatures"));
    validate(podReview("uid-fallback-none-2", "default", REPOSITORY + "@" + digest))
        .body("response.allowed", equalTo(false));

    assertThat(requestsFor(digest)).hasSize(1);
  }

  @Test
  void stalledServiceDeniedAtDeadline() throws IOException {
    String digest = randomDigest(MetadataStub.STALL);

    long start = System.nanoTime();
    validate(podReview("uid-fallback-stall", "default", REPOSITORY + "@" + digest))
        .body("response.allowed", equalTo(false))
        .body("response.status.code", equalTo(403))
        .body(
            "response.status.message",
            containsString(
                "the decision did not finish within the deadline of "
                    + FallbackTestResource.DEADLINE_MS
                    + " ms"))
        .body("response.status.message", containsString("onError: DENY"));
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(elapsedMs).isGreaterThanOrEqualTo(FallbackTestResource.DEADLINE_MS - 100);
    assertThat(elapsedMs).isLessThan(MetadataStub.STALL_TIME_MS / 2);
    assertThat(requestsFor(digest)).hasSize(1);
  }

  @Test
  void failingServiceDenied() {
    String digest = randomDigest(MetadataStub.FAIL);

    validate(podReview("uid-fallback-500", "default", REPOSITORY + "@" + digest))
        .body("response.allowed", equalTo(false))
        .body("response.status.message", containsString("No matched signatures"))
        .body("response.status.message", containsString("HTTP 500"))
        .body("response.status.message", containsString("database unavailable"))
        .body("response.status.message", containsString("onError: DENY"));
  }

  @Test
  void lenientRuleFailsOpen() {
    String failing = randomDigest(MetadataStub.FAIL);
    String stalled = randomDigest(MetadataStub.STALL);

    validate(podReview("uid-lenient-500", FallbackTestResource.LENIENT, REPOSITORY + "@" + failing))
        .body("response.allowed", equalTo(true))
        .body("response.warnings[0]", containsString("failed open"))
        .body("response.warnings[0]", containsString("HTTP 500"));
    validate(
            podReview(
                "uid-lenient-stall", FallbackTestResource.LENIENT, REPOSITORY + "@" + stalled))
        .body("response.allowed", equalTo(true))
        .body("response.warnings[0]", containsString("deadline"));
  }

  @Test
  void lenientRuleStillDeniesDefiniteFailure() throws IOException {
    String failing = randomDigest(MetadataStub.FAIL);
    ObjectNode review =
        podReviewTree("uid-lenient-tag", FallbackTestResource.LENIENT, REPOSITORY + "@" + failing);
    ObjectNode second = ((ArrayNode) review.at("/request/object/spec/containers")).addObject();
    second.put("name", "tagged");
    second.put("image", REPOSITORY + ":v2");

    validate(review.toString())
        .body("response.allowed", equalTo(false))
        .body("response.status.message", containsString("has no digest"));
    assertThat(requestsFor(failing)).isEmpty();
  }

  @Test
  void metricsCountQueryOutcomes() {
    validate(
            podReview(
                "uid-metrics-500", "default", REPOSITORY + "@" + randomDigest(MetadataStub.FAIL)))
        .body("response.allowed", equalTo(false));

    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("custos_admission_metadata_queries_total{outcome=\"error\"}"))
        .body(not(containsString("custos_admission_metadata_queries_total{outcome=\"error\"} 0.0")))
        .body(
            containsString(
                "custos_admission_decisions_total{reason=\"LOOKUP_FAILED\",result=\"denied\"}"))
        .body(containsString("custos_admission_metadata_query_duration_seconds_count"))
        .body(containsString("custos_admission_metadata_negative_entries"));
  }

  @Test
  void floodOfMissesShedWithinDeadline() throws Exception {
    int requests = 40;
    HttpClient client = HttpClient.newHttpClient();
    List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
    double shedBefore = metric("custos_admission_metadata_queries_total{outcome=\"shed\"}");

    long start = System.nanoTime();
    for (int i = 0; i < requests; i++) {
      String review =
          podReview(
              "uid-flood-" + i, "default", REPOSITORY + "@" + randomDigest(MetadataStub.STALL));
      responses.add(
          client.sendAsync(
              HttpRequest.newBuilder(validateUrl.toURI())
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(review))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;

    for (CompletableFuture<HttpResponse<String>> response : responses) {
      assertThat(response.get().statusCode()).isEqualTo(200);
      JsonNode body = JSON.readTree(response.get().body());
      assertThat(body.at("/response/allowed").asBoolean()).isFalse();
    }
    assertThat(elapsedMs).isLessThan(FallbackTestResource.DEADLINE_MS + 3_000);
    // At most 16 queries (the default limit) are in flight, so the others are shed at once.
    assertThat(metric("custos_admission_metadata_queries_total{outcome=\"shed\"}") - shedBefore)
        .isGreaterThanOrEqualTo(requests - 16);

    // The stalled queries hold their slots until the 5 s query timeout, and the rate bucket
    // refills in a second. The other tests need both back, so the test waits for them.
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> assertThat(metric("custos_admission_metadata_queries_in_flight")).isZero());
    Thread.sleep(1_000);
  }

  /** Returns the value of the Prometheus sample whose name and labels are {@code series}. */
  private static double metric(String series) {
    String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
    for (String line : text.split("\\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim());
      }
    }
    throw new AssertionError("metric " + series + " is missing from /q/metrics");
  }

  private ValidatableResponse validate(String review) {
    return given()
        .contentType("application/json")
        .body(review)
        .post("/validate")
        .then()
        .statusCode(200);
  }

  private void stubOccurrences(String digest, JsonNode... occurrences) throws IOException {
    ArrayNode array = JSON.createArrayNode();
    for (JsonNode occurrence : occurrences) {
      array.add(occurrence);
    }
    Path folder = policyFile.resolveSibling(FallbackTestResource.STUB_FOLDER);
    Files.writeString(folder.resolve(hex(digest) + ".json"), array.toString());
  }

  private List<String> requestsFor(String digest) throws IOException {
    Path log =
        policyFile.resolveSibling(FallbackTestResource.STUB_FOLDER).resolve(MetadataStub.REQUESTS);
    if (!Files.exists(log)) {
      return List.of();
    }
    return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
        .filter(line -> line.contains(digest))
        .toList();
  }

  private static String podReview(String uid, String namespace, String image) {
    return podReviewTree(uid, namespace, image).toString();
  }

  private static ObjectNode podReviewTree(String uid, String namespace, String image) {
    ObjectNode review = SAMPLE_REVIEW.deepCopy();
    ObjectNode request = (ObjectNode) review.get("request");
    request.put("uid", uid);
    request.put("namespace", namespace);
    ((ObjectNode) request.at("/object/metadata")).put("namespace", namespace);
    ((ObjectNode) request.at("/object/spec/containers/0")).put("image", image);
    return review;
  }

  private static ObjectNode sampleReview() {
    try (InputStream in =
        MetadataFallbackTest.class.getResourceAsStream(
            "/review/admission-review-v1-pod-create-allowed.json")) {
      return (ObjectNode) JSON.readTree(in).get("request");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private TestAttestor trusted() {
    return TestAttestor.existing(policyFile.resolveSibling(AdmissionTestResource.TRUSTED_KEY));
  }

  private TestAttestor outsider() {
    return TestAttestor.existing(policyFile.resolveSibling(AdmissionTestResource.OUTSIDER_KEY));
  }

  private static String hex(String digest) {
    return digest.substring("sha256:".length());
  }

  /** Returns a random digest whose hex starts with {@code prefix}, which steers the stub. */
  private static String randomDigest(String prefix) {
    String random = UUID.randomUUID().toString().replace("-", "");
    return "sha256:" + (prefix + random + random).substring(0, 64);
  }
}
