package dev.custos.admission.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custos.admission.verify.TestAttestor;
import dev.custos.embedded.EmbeddedServersResource;
import dev.custos.events.Topics;
import dev.custos.events.cloudevents.CloudEventKafkaCodec;
import dev.custos.events.metadata.OccurrenceCreated;
import dev.custos.events.metadata.OccurrenceKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The embedded servers, plus what must exist before the application starts. It writes a trusted and
 * an outsider key, a policy file that trusts the first, and a TLS certificate to a temporary
 * folder, the folder of {@code custos.admission.policy-file}. It also produces attestation events
 * before the start, so that a test can check that readiness waits for them.
 */
public class AdmissionTestResource extends EmbeddedServersResource {
  static final String NOTE = "projects/custos/notes/qa";
  static final String REPOSITORY = "127.0.0.1:5055/team/demo";
  static final String TRUSTED_KEY = "trusted.key.pem";
  static final String OUTSIDER_KEY = "outsider.key.pem";

  /**
   * The TLS files, laid out as Kubernetes mounts a Secret: {@code tls/tls.crt} and {@code
   * tls/tls.key} are links into {@code tls/..data}, a link to the folder of the current version, so
   * that one rename of {@code ..data} replaces both files at once.
   */
  static final String TLS_FOLDER = "tls";

  static final String CERTIFICATE = TLS_FOLDER + "/tls.crt";
  static final String TLS_KEY = TLS_FOLDER + "/tls.key";

  /** Digests attested on the topic before the application starts. */
  static final List<String> PRE_START_DIGESTS =
      List.of(digest('1'), digest('2'), digest('3'), digest('4'), digest('5'));

  @Override
  public Map<String, String> start() {
    Map<String, String> config = new HashMap<>(super.start());
    try {
      Path directory = Files.createTempDirectory("custos-admission-test");
      TestAttestor trusted = TestAttestor.generate(directory.resolve(TRUSTED_KEY));
      TestAttestor.generate(directory.resolve(OUTSIDER_KEY));
      Path policyFile = directory.resolve("policy.yaml");
      Files.writeString(policyFile, policy(trusted.publicPem()), StandardCharsets.UTF_8);

      String topic = config.get(TOPIC_PREFIX_KEY) + Topics.METADATA_ATTESTATIONS;
      produceBeforeStart(config.get("kafka.bootstrap.servers"), topic, trusted);

      Path tls = directory.resolve(TLS_FOLDER);
      Files.createDirectories(tls);
      installCertificate(tls, "first", "localhost");
      Files.createSymbolicLink(tls.resolve("tls.crt"), Path.of("..data", "tls.crt"));
      Files.createSymbolicLink(tls.resolve("tls.key"), Path.of("..data", "tls.key"));
      config.put("quarkus.tls.key-store.pem.tls.cert", directory.resolve(CERTIFICATE).toString());
      config.put("quarkus.tls.key-store.pem.tls.key", directory.resolve(TLS_KEY).toString());
      config.put("custos.admission.tls-reload-interval", "200ms");
      config.put("custos.admission.policy-file", policyFile.toString());
      config.put("custos.admission.policy-reload-interval", "100ms");
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes a new self-signed certificate and key to {@code tlsFolder/version} and points {@code
   * tlsFolder/..data} at it in one rename, as the kubelet updates a Secret volume.
   */
  static void installCertificate(Path tlsFolder, String version, String commonName)
      throws IOException {
    Path folder = tlsFolder.resolve(version);
    Files.createDirectories(folder);
    generateCertificate(folder, commonName);
    Path next = tlsFolder.resolve("..data_tmp");
    Files.deleteIfExists(next);
    Files.createSymbolicLink(next, Path.of(version));
    Files.move(next, tlsFolder.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
  }

  /** Writes a self-signed certificate for localhost and 127.0.0.1 with {@code openssl req}. */
  private static void generateCertificate(Path directory, String commonName) throws IOException {
    List<String> command =
        List.of(
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
            "/CN=" + commonName,
            "-addext",
            "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-keyout",
            directory.resolve("tls.key").toString(),
            "-out",
            directory.resolve("tls.crt").toString());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IllegalStateException("openssl req failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running openssl req", e);
    }
  }

  /** Returns a policy that requires attestor {@code qa}, whose only key is {@code publicPem}. */
  static String policy(String publicPem) {
    String indentedKey = publicPem.strip().replace("\n", "\n          ");
    return """
        attestors:
          - name: qa
            note: %s
            publicKeys:
              - key: |
                  %s
        defaultRule:
          evaluationMode: REQUIRE_ATTESTATION
          attestors: [qa]
        """
        .formatted(NOTE, indentedKey);
  }

  static String digest(char fill) {
    return "sha256:" + String.valueOf(fill).repeat(64);
  }

  static ProducerRecord<String, byte[]> created(
      String topic, String occurrenceName, String digest, JsonNode occurrence) {
    OccurrenceCreated event =
        new OccurrenceCreated(
            occurrenceName,
            OccurrenceKind.ATTESTATION,
            "https://" + REPOSITORY + "@" + digest,
            NOTE,
            occurrence);
    return new CloudEventKafkaCodec()
        .encode(event, URI.create("/custos/test"))
        .toProducerRecord(topic);
  }

  private static void produceBeforeStart(String bootstrapServers, String topic, TestAttestor key) {
    Properties properties = new Properties();
    properties.put("bootstrap.servers", bootstrapServers);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < PRE_START_DIGESTS.size(); i++) {
        String name = "projects/custos/occurrences/pre-start-" + i;
        String digest = PRE_START_DIGESTS.get(i);
        JsonNode occurrence = key.signedOccurrence(name, NOTE, REPOSITORY, digest);
        producer.send(created(topic, name, digest, occurrence)).get();
      }
      // A record without CloudEvents headers, which the consumer must count and skip.
      byte[] garbage = "not an event".getBytes(StandardCharsets.UTF_8);
      producer
          .send(new ProducerRecord<>(topic, null, "garbage", garbage, new RecordHeaders()))
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("producing the pre-start attestations failed", e);
    }
  }
}
