package dev.custos.admission.webhook;

import static dev.custos.admission.webhook.AdmissionTestResource.NOTE;
import static dev.custos.admission.webhook.AdmissionTestResource.REPOSITORY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.admission.verify.TestAttestor;
import dev.custos.embedded.InjectTestInfrastructure;
import dev.custos.embedded.TestInfrastructure;
import dev.custos.events.Topics;
import dev.custos.events.cloudevents.CloudEventKafkaCodec;
import dev.custos.events.metadata.OccurrenceDeleted;
import dev.custos.events.metadata.OccurrenceKind;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /validate} over HTTPS: the AdmissionReview bodies that kube-apiserver sent, sent the
 * way it sends them, and the certificate replaced on disk while the service runs.
 */
@QuarkusTest
@WithTestResource(AdmissionTestResource.class)
class HttpsEndpointTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SAMPLE_DIGEST =
      "sha256:e58f00228471dd110757629c4e16e8672e6f742754adfed6d5c01e6fd4886c58";
  private static final String EPHEMERAL_DIGEST = "sha256:" + "ef".repeat(32);

  @InjectTestInfrastructure TestInfrastructure infrastructure;

  @ConfigProperty(name = "custos.admission.policy-file")
  Path policyFile;

  @TestHTTPResource(value = "/validate", tls = true)
  URL httpsValidate;

  @Test
  void apiServerSamplesDecidedOverTls() throws Exception {
    String name = "projects/custos/occurrences/https-sample";
    JsonNode occurrence = trusted().signedOccurrence(name, NOTE, REPOSITORY, SAMPLE_DIGEST);
    try (KafkaProducer<String, byte[]> producer = producer()) {
      producer.send(AdmissionTestResource.created(topic(), name, SAMPLE_DIGEST, occurrence)).get();
      try {
        await()
            .atMost(TIMEOUT)
            .untilAsserted(
                () ->
                    assertThat(
                            post(sample("admission-review-v1-pod-create-allowed.json"))
                                .at("/response/allowed")
                                .asBoolean())
                        .isTrue());

        JsonNode podCreate = post(sample("admission-review-v1-pod-create-allowed.json"));
        assertThat(podCreate.at("/apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
        assertThat(podCreate.at("/kind").asText()).isEqualTo("AdmissionReview");
        assertThat(podCreate.at("/response/uid").asText())
            .isEqualTo("a0b47581-6024-44d8-be33-5d83d37202ea");
        assertThat(podCreate.at("/response/allowed").asBoolean()).isTrue();

        JsonNode deployment = post(sample("admission-review-v1-deployment-create-denied.json"));
        assertThat(deployment.at("/response/uid").asText())
            .isEqualTo("5092fc82-2554-49e1-9087-cdb036c2f157");
        assertThat(deployment.at("/response/allowed").asBoolean()).isFalse();
        assertThat(deployment.at("/response/status/code").asInt()).isEqualTo(403);
        assertThat(deployment.at("/response/status/message").asText())
            .contains("image 127.0.0.1:5055/team/demo:v2 has no digest; reference it by digest");

        JsonNode podUpdate = post(sample("admission-review-v1-pod-update-label.json"));
        assertThat(podUpdate.at("/response/uid").asText())
            .isEqualTo("d0b8325a-1b2a-41b3-98d3-dcd761025a3f");
        assertThat(podUpdate.at("/response/allowed").asBoolean()).isTrue();

        JsonNode ephemeral = post(ephemeralContainerUpdate());
        assertThat(ephemeral.at("/response/allowed").asBoolean()).isFalse();
        assertThat(ephemeral.at("/response/status/message").asText())
            .contains(
                "No matched signatures for container image: " + REPOSITORY + "@" + EPHEMERAL_DIGEST)
            .doesNotContain(SAMPLE_DIGEST);
      } finally {
        producer.send(deleted(name, occurrence)).get();
      }
    }
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(
                        post(sample("admission-review-v1-pod-create-allowed.json"))
                            .at("/response/allowed")
                            .asBoolean())
                    .isFalse());
  }

  @Test
  void renewedCertificatePresented() throws Exception {
    Path tls = policyFile.resolveSibling(AdmissionTestResource.TLS_FOLDER);
    String first = fingerprint(certificateOnDisk());
    assertThat(fingerprint(presentedCertificate())).isEqualTo(first);

    AdmissionTestResource.installCertificate(tls, "second", "renewed.localhost");
    try {
      String second = fingerprint(certificateOnDisk());
      assertThat(second).isNotEqualTo(first);
      // NOTE: a handshake during the swap itself can fail in Vert.x 4.5.27, so the wait ignores
      // exceptions; the handshakes after it must all succeed.
      await()
          .atMost(TIMEOUT)
          .ignoreExceptions()
          .untilAsserted(() -> assertThat(fingerprint(presentedCertificate())).isEqualTo(second));
      for (int i = 0; i < 20; i++) {
        assertThat(fingerprint(presentedCertificate())).isEqualTo(second);
      }
      assertThat(presentedCertificate().getSubjectX500Principal().getName())
          .isEqualTo("CN=renewed.localhost");

      JsonNode review = post(sample("admission-review-v1-deployment-create-denied.json"));
      assertThat(review.at("/response/allowed").asBoolean()).isFalse();
    } finally {
      AdmissionTestResource.installCertificate(tls, "third", "localhost");
    }
    String third = fingerprint(certificateOnDisk());
    await()
        .atMost(TIMEOUT)
        .ignoreExceptions()
        .untilAsserted(() -> assertThat(fingerprint(presentedCertificate())).isEqualTo(third));
  }

  /**
   * Returns a {@code pods/ephemeralcontainers} UPDATE built from the recorded Pod UPDATE: the new
   * object adds one ephemeral container, so only its image needs verifying.
   */
  private static byte[] ephemeralContainerUpdate() throws IOException {
    ObjectNode review =
        (ObjectNode) JSON.readTree(sample("admission-review-v1-pod-update-label.json"));
    ObjectNode request = (ObjectNode) review.get("request");
    request.put("uid", "3d0a6e5e-7f6c-4f0e-9d43-0b7c1d1f9e21");
    request.put("subResource", "ephemeralcontainers");
    ObjectNode debug =
        ((ObjectNode) request.get("object").get("spec"))
            .putArray("ephemeralContainers")
            .addObject();
    debug.put("name", "debugger");
    debug.put("image", REPOSITORY + "@" + EPHEMERAL_DIGEST);
    debug.put("terminationMessagePolicy", "File");
    return JSON.writeValueAsBytes(review);
  }

  /** Posts {@code body} as kube-apiserver does: its headers, its query string, over TLS. */
  private JsonNode post(byte[] body) throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(trusting(certificateOnDisk())).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(httpsValidate + "?timeout=5s"))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, */*")
            .header("User-Agent", "kube-apiserver-admission")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .timeout(Duration.ofSeconds(5))
            .build();
    HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    return JSON.readTree(response.body());
  }

  /** Returns the request body of a recorded API server request, as it was sent. */
  private static byte[] sample(String file) throws IOException {
    try (InputStream in = HttpsEndpointTest.class.getResourceAsStream("/review/" + file)) {
      return JSON.writeValueAsBytes(JSON.readTree(in).get("request"));
    }
  }

  private X509Certificate certificateOnDisk() throws Exception {
    try (InputStream in =
        Files.newInputStream(policyFile.resolveSibling(AdmissionTestResource.CERTIFICATE))) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  /** Returns the certificate that a new TLS connection to the service is shown. */
  private X509Certificate presentedCertificate() throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {new AcceptAny()}, new SecureRandom());
    try (SSLSocket socket =
        (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", httpsValidate.getPort())) {
      socket.startHandshake();
      Certificate[] chain = socket.getSession().getPeerCertificates();
      return (X509Certificate) chain[0];
    }
  }

  private static SSLContext trusting(X509Certificate certificate) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("server", certificate);
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), new SecureRandom());
    return context;
  }

  private static String fingerprint(X509Certificate certificate) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
  }

  /** Accepts any server certificate, only to read which one the server presents. */
  private static final class AcceptAny implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  private KafkaProducer<String, byte[]> producer() {
    Properties properties = infrastructure.kafkaProperties();
    return new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
  }

  private ProducerRecord<String, byte[]> deleted(String name, JsonNode occurrence) {
    OccurrenceDeleted event =
        new OccurrenceDeleted(
            name,
            OccurrenceKind.ATTESTATION,
            "https://" + REPOSITORY + "@" + SAMPLE_DIGEST,
            NOTE,
            occurrence);
    return new CloudEventKafkaCodec()
        .encode(event, URI.create("/custos/test"))
        .toProducerRecord(topic());
  }

  private String topic() {
    return infrastructure.topic(Topics.METADATA_ATTESTATIONS);
  }

  private TestAttestor trusted() {
    return TestAttestor.existing(policyFile.resolveSibling(AdmissionTestResource.TRUSTED_KEY));
  }
}
