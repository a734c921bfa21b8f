package dev.custos.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.embedded.KafkaBroker;
import dev.custos.events.Topics;
import dev.custos.events.cloudevents.CloudEventKafkaCodec;
import dev.custos.events.image.ImageReference;
import dev.custos.events.metadata.OccurrenceCreated;
import dev.custos.events.metadata.OccurrenceKind;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The HTTPS throughput target of the admission service: over TLS on loopback, {@code POST
 * /validate} with a cached decision should reach at least 70% of the throughput of a
 * static-response endpoint on the same server, measured in the same run, with p99 within 2x of it.
 *
 * <p>It starts an embedded Kafka broker, signs attestations for the three images of the benchmark
 * pod with a fresh ECDSA key, and runs the admission service built with the {@code bench} profile
 * (which adds {@code POST /bench/static}) as a child process on loopback. Then it loads both
 * endpoints alternately with {@link HttpLoad} and prints the ratios. Every run is bounded in time
 * and request count.
 */
public final class AdmissionHttpsBenchmark {
  static final String APP_PROPERTY = "custos.bench.admission-app";
  static final String DEFAULT_APP = "admission-service/target/bench-app/quarkus-run.jar";

  private static final int CONNECTIONS = Integer.getInteger("custos.bench.connections", 8);
  private static final long WARMUP_MS = Long.getLong("custos.bench.warmup-ms", 5_000);
  private static final long MEASURE_MS = Long.getLong("custos.bench.measure-ms", 5_000);
  private static final int ROUNDS = Integer.getInteger("custos.bench.rounds", 3);
  private static final int MAX_REQUESTS = 1_000_000;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  private static final String NOTE = "projects/custos/notes/build";
  private static final String KEY_ID = "build-ec-https-bench";
  private static final double THROUGHPUT_GOAL = 0.70;
  private static final double P99_GOAL = 2.0;
  private static final ObjectMapper JSON = new ObjectMapper();

  private AdmissionHttpsBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path app = Path.of(System.getProperty(APP_PROPERTY, DEFAULT_APP));
    if (!Files.isRegularFile(app)) {
      throw new IllegalStateException(
          app + " does not exist; build it with bench/run AdmissionHttpsBenchmark");
    }
    byte[] review = AdmissionDecisionBenchmark.resource("/bench-pod-review.json");
    Path folder = Files.createTempDirectory("custos-https-bench");
    Path certificate = folder.resolve("tls.crt");
    Path tlsKey = folder.resolve("tls.key");
    generateCertificate(certificate, tlsKey);
    KeyPair signer = generateSigningKey();
    Path policy = folder.resolve("policy.yaml");
    Files.writeString(policy, policy(signer), StandardCharsets.UTF_8);

    try (KafkaBroker broker = KafkaBroker.startTemporary()) {
      createTopics(broker);
      produceAttestations(broker, review, signer);
      int port = freePort();
      Process service = startService(app, folder, broker, port, certificate, tlsKey, policy);
      try {
        HttpClient https = httpsClient(certificate);
        awaitReady(https, port, service, folder);
        checkEndpoints(https, port, review);
        measure(port, review);
      } finally {
        service.destroy();
        if (!service.waitFor(10, TimeUnit.SECONDS)) {
          service.destroyForcibly();
        }
      }
    }
  }

  private static void measure(int port, byte[] review) {
    System.out.printf(
        Locale.ROOT,
        "%d connections, warm-up %d ms per endpoint, %d rounds of %d ms per endpoint%n",
        CONNECTIONS,
        WARMUP_MS,
        ROUNDS,
        MEASURE_MS);
    try (HttpLoad load = new HttpLoad(port, CONNECTIONS)) {
      load.run("/bench/static", review, WARMUP_MS, MAX_REQUESTS);
      load.run("/validate", review, WARMUP_MS, MAX_REQUESTS);
      List<HttpLoad.Result> statics = new ArrayList<>();
      List<HttpLoad.Result> admissions = new ArrayList<>();
      for (int round = 0; round < ROUNDS; round++) {
        statics.add(load.run("/bench/static", review, MEASURE_MS, MAX_REQUESTS));
        admissions.add(load.run("/validate", review, MEASURE_MS, MAX_REQUESTS));
      }
      report(merge(statics), merge(admissions));
    }
  }

  private static void report(HttpLoad.Result baseline, HttpLoad.Result admission) {
    System.out.println();
    System.out.println("endpoint | requests/s | p50 us | p99 us | requests | errors");
    for (var row : List.of(List.of("static", baseline), List.of("validate", admission))) {
      HttpLoad.Result result = (HttpLoad.Result) row.get(1);
      System.out.printf(
          Locale.ROOT,
          "%s | %.0f | %.1f | %.1f | %d | %d%n",
          row.get(0),
          result.throughput(),
          result.percentileMicros(50),
          result.percentileMicros(99),
          result.requests(),
          result.errors());
    }
    double throughputRatio = admission.throughput() / baseline.throughput();
    double p99Ratio = admission.percentileMicros(99) / baseline.percentileMicros(99);
    boolean met =
        throughputRatio >= THROUGHPUT_GOAL
            && p99Ratio <= P99_GOAL
            && admission.errors() == 0
            && baseline.errors() == 0;
    System.out.printf(
        Locale.ROOT,
        "throughput ratio validate/static %.2f (goal >= %.2f), p99 ratio %.2f (goal <= %.1f),"
            + " goal met: %s%n",
        throughputRatio,
        THROUGHPUT_GOAL,
        p99Ratio,
        P99_GOAL,
        met ? "yes" : "no");
  }

  private static HttpLoad.Result merge(List<HttpLoad.Result> results) {
    long requests = 0;
    long errors = 0;
    double seconds = 0;
    int size = 0;
    for (HttpLoad.Result result : results) {
      requests += result.requests();
      errors += result.errors();
      seconds += result.seconds();
      size += result.latenciesNanos().length;
    }
    long[] all = new long[size];
    int offset = 0;
    for (HttpLoad.Result result : results) {
      System.arraycopy(result.latenciesNanos(), 0, all, offset, result.latenciesNanos().length);
      offset += result.latenciesNanos().length;
    }
    java.util.Arrays.sort(all);
    return new HttpLoad.Result(requests, errors, seconds, all);
  }

  /** Checks that the review is admitted from the cache and that the baseline responds with 200. */
  private static void checkEndpoints(HttpClient https, int port, byte[] review) throws Exception {
    JsonNode decision = JSON.readTree(post(https, port, "/validate", review));
    if (!decision.at("/response/allowed").asBoolean()) {
      throw new IllegalStateException("the benchmark review must be admitted: " + decision);
    }
    post(https, port, "/bench/static", review);
  }

  private static byte[] post(HttpClient https, int port, String path, byte[] body)
      throws Exception {
    HttpResponse<byte[]> response =
        https.send(
            HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(path + " responded with HTTP " + response.statusCode());
    }
    return response.body();
  }

  private static void awaitReady(HttpClient https, int port, Process service, Path folder)
      throws Exception {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!service.isAlive()) {
        throw new IllegalStateException(
            "the admission service exited; see " + folder.resolve("service.log"));
      }
      try {
        HttpResponse<String> response =
            https.send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/q/health/ready"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(
        "the admission service was not ready within "
            + READY_TIMEOUT
            + "; see "
            + folder.resolve("service.log"));
  }

  private static Process startService(
      Path app,
      Path folder,
      KafkaBroker broker,
      int port,
      Path certificate,
      Path tlsKey,
      Path policy)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Extra JVM options for the service, such as -Dcustos.admission.decision-queue-capacity=1 to
    // see what publishing each decision costs.
    String extra = System.getProperty("custos.bench.service-options", "").strip();
    if (!extra.isEmpty()) {
      command.addAll(List.of(extra.split("\\s+")));
    }
    command.addAll(
        List.of(
            "-Dquarkus.http.host=127.0.0.1",
            "-Dquarkus.http.ssl-port=" + port,
            "-Dquarkus.http.port=" + freePort(),
            "-Dquarkus.tls.key-store.pem.tls.cert=" + certificate,
            "-Dquarkus.tls.key-store.pem.tls.key=" + tlsKey,
            "-Dquarkus.log.console.json.enabled=false",
            "-Dcustos.admission.policy-file=" + policy,
            "-Dcustos.admission.namespace=custos",
            "-Dkafka.bootstrap.servers=" + broker.bootstrapServers(),
            "-jar",
            app.toString()));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(folder.resolve("service.log").toFile())
        .start();
  }

  private static void createTopics(KafkaBroker broker) throws Exception {
    try (Admin admin = Admin.create(broker.adminProperties())) {
      List<NewTopic> topics = new ArrayList<>();
      for (String topic :
          List.of(
              Topics.METADATA_ATTESTATIONS, Topics.ADMISSION_DECISIONS, Topics.ADMISSION_REVOKED)) {
        topics.add(new NewTopic(topic, 1, (short) 1));
      }
      admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
    }
  }

  /** Produces a signed attestation for each image of the benchmark pod. */
  private static void produceAttestations(KafkaBroker broker, byte[] review, KeyPair signer)
      throws Exception {
    Properties properties = new Properties();
    properties.put("bootstrap.servers", broker.bootstrapServers());
    CloudEventKafkaCodec codec = new CloudEventKafkaCodec();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer())) {
      int index = 0;
      for (ImageReference image : imagesOf(review)) {
        String name = "projects/custos/occurrences/https-bench-" + index++;
        ObjectNode occurrence = signedOccurrence(name, image, signer);
        OccurrenceCreated event =
            new OccurrenceCreated(
                name,
                OccurrenceKind.ATTESTATION,
                occurrence.get("resourceUri").asText(),
                NOTE,
                occurrence);
        producer
            .send(
                codec
                    .encode(event, URI.create("/custos/bench"))
                    .toProducerRecord(Topics.METADATA_ATTESTATIONS))
            .get();
      }
    }
  }

  private static Set<ImageReference> imagesOf(byte[] review) throws IOException {
    JsonNode spec = JSON.readTree(review).at("/request/object/spec");
    Set<ImageReference> images = new LinkedHashSet<>();
    for (String list : List.of("initContainers", "containers")) {
      for (JsonNode container : spec.path(list)) {
        ImageReference image = ImageReference.parse(container.get("image").asText());
        images.add(new ImageReference(image.registry(), image.repository(), null, image.digest()));
      }
    }
    return images;
  }

  /** Returns an ATTESTATION occurrence with a simple-signing payload signed with ECDSA P-256. */
  private static ObjectNode signedOccurrence(String name, ImageReference image, KeyPair signer)
      throws Exception {
    ObjectNode payload = JSON.createObjectNode();
    ObjectNode critical = payload.putObject("critical");
    critical.putObject("identity").put("docker-reference", image.canonicalName());
    critical.putObject("image").put("docker-manifest-digest", image.digest().toString());
    critical.put("type", "atomic container signature");
    payload.putObject("optional");
    byte[] bytes = JSON.writeValueAsBytes(payload);

    Signature ecdsa = Signature.getInstance("SHA256withECDSA");
    ecdsa.initSign(signer.getPrivate());
    ecdsa.update(bytes);
    Base64.Encoder base64 = Base64.getEncoder();

    ObjectNode occurrence = JSON.createObjectNode();
    occurrence.put("name", name);
    occurrence.put("resourceUri", image.resourceUri().orElseThrow());
    occurrence.put("noteName", NOTE);
    occurrence.put("kind", "ATTESTATION");
    ObjectNode attestation = occurrence.putObject("attestation");
    attestation.put("serializedPayload", base64.encodeToString(bytes));
    ObjectNode signature = attestation.putArray("signatures").addObject();
    signature.put("signature", base64.encodeToString(ecdsa.sign()));
    signature.put("publicKeyId", KEY_ID);
    return occurrence;
  }

  private static KeyPair generateSigningKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
    return generator.generateKeyPair();
  }

  private static String policy(KeyPair signer) {
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(signer.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----";
    return """
        attestors:
          - name: build
            note: %s
            publicKeys:
              - id: %s
                key: |
                  %s
        defaultRule:
          evaluationMode: REQUIRE_ATTESTATION
          attestors: [build]
        """
        .formatted(NOTE, KEY_ID, pem.replace("\n", "\n          "));
  }

  private static void generateCertificate(Path certificate, Path key) throws Exception {
    Process process =
        new ProcessBuilder(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-days",
                "1",
                "-subj",
                "/CN=localhost",
                "-addext",
                "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout",
                key.toString(),
                "-out",
                certificate.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("openssl req failed: " + output);
    }
  }

  private static HttpClient httpsClient(Path certificate) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(certificate)) {
      trust.setCertificateEntry(
          "service", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), new SecureRandom());
    return HttpClient.newBuilder()
        .sslContext(context)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  private static int freePort() throws IOException {
    try (java.net.ServerSocket socket =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
