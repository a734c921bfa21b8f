package dev.custos.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.events.Topics;
import dev.custos.launcher.Home;
import dev.custos.launcher.Ports;
import dev.custos.launcher.Service;
import dev.custos.launcher.ServiceConfiguration;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks docker-compose.yml against the local run, since no Docker engine runs it here: the same
 * configuration files, every placeholder given, the launcher's ports, topics, roles and file
 * layout.
 */
class ComposeFileTest {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z][a-z0-9-]*)}");
  private static final Pattern TOPIC =
      Pattern.compile("--topic ([a-z.]+)( --config cleanup\\.policy=compact)?");
  private static final String CONFIG_FILE = "/config/application.properties";
  private static final Home COMPOSE_HOME = new Home(Path.of("/custos"));

  private static Path root;
  private static Map<String, Object> services;

  @BeforeAll
  static void load() throws IOException {
    root = Manifests.repositoryRoot();
    services = Yamls.map(Manifests.readSingle(root.resolve("docker-compose.yml")), "services");
  }

  @Test
  void everyContainerSharesThePodNetwork() {
    for (Map.Entry<String, Object> entry : services.entrySet()) {
      if (entry.getKey().equals("pod")) {
        continue;
      }
      assertThat(service(entry.getKey()).get("network_mode"))
          .as("network_mode of %s", entry.getKey())
          .isEqualTo("service:pod");
    }
  }

  @Test
  void dependenciesNameDefinedServices() {
    for (String name : services.keySet()) {
      for (String dependency : Yamls.mapOrEmpty(service(name), "depends_on").keySet()) {
        assertThat(services).as("dependency %s of %s", dependency, name).containsKey(dependency);
      }
    }
  }

  @Test
  void kafkaRunsKraftOnTheLauncherPort() {
    Map<String, Object> kafka = service("kafka");
    Map<String, Object> environment = Yamls.map(kafka, "environment");
    int port = Ports.defaults().kafka();

    assertThat((String) kafka.get("image")).startsWith("apache/kafka:");
    assertThat((String) environment.get("KAFKA_PROCESS_ROLES")).contains("broker", "controller");
    assertThat(environment.get("KAFKA_ADVERTISED_LISTENERS"))
        .isEqualTo("PLAINTEXT://127.0.0.1:" + port);
    assertThat((String) environment.get("KAFKA_CONTROLLER_QUORUM_VOTERS"))
        .endsWith("@127.0.0.1:" + Ports.defaults().kafkaController());
  }

  @Test
  void topicsAreTheLauncherTopics() {
    String command = String.join("\n", stringList(service("kafka-topics"), "command"));
    Set<String> topics = new HashSet<>();
    Set<String> compacted = new HashSet<>();
    Matcher topic = TOPIC.matcher(command);
    while (topic.find()) {
      topics.add(topic.group(1));
      if (topic.group(2) != null) {
        compacted.add(topic.group(1));
      }
    }

    assertThat(topics)
        .containsExactlyInAnyOrder(
            Topics.REGISTRY_PUSHES,
            Topics.deadLetter(Topics.REGISTRY_PUSHES),
            Topics.METADATA_OCCURRENCES,
            Topics.METADATA_ATTESTATIONS,
            Topics.SIGNER_OUTCOMES,
            Topics.ADMISSION_DECISIONS,
            Topics.ADMISSION_REVOKED,
            Topics.AUDIT_LOG);
    assertThat(compacted)
        .containsExactlyInAnyOrder(Topics.METADATA_OCCURRENCES, Topics.METADATA_ATTESTATIONS);
  }

  @Test
  void servicesMountTheLauncherConfiguration() throws IOException {
    for (Service service : Service.values()) {
      Map<String, Object> container = service(service.id());
      String launcherFile =
          "./launcher/src/main/resources/dev/custos/launcher/local/" + service.id() + ".properties";

      assertThat(stringList(container, "volumes"))
          .as("volumes of %s", service.id())
          .contains(launcherFile + ":" + CONFIG_FILE + ":ro");
      assertThat(root.resolve(launcherFile)).isRegularFile();
      assertThat(environment(container).get("QUARKUS_CONFIG_LOCATIONS"))
          .isEqualTo("file:" + CONFIG_FILE);
    }
  }

  /**
   * Quarkus resolves a {@code ${name}} expression from the environment variable of the same name in
   * capitals with {@code -} as {@code _}, so every placeholder of the launcher's file needs one.
   */
  @Test
  void everyPlaceholderHasAVariable() {
    for (Service service : Service.values()) {
      Map<String, String> environment = environment(service(service.id()));
      Matcher placeholder = PLACEHOLDER.matcher(ServiceConfiguration.of(service).template());
      int count = 0;
      while (placeholder.find()) {
        count++;
        String variable = placeholder.group(1).toUpperCase(Locale.ROOT).replace('-', '_');
        assertThat(environment)
            .as("variable for ${%s} of %s", placeholder.group(1), service.id())
            .containsKey(variable);
      }
      assertThat(count).as("placeholders of %s", service.id()).isPositive();
    }
  }

  @Test
  void servicesUseTheLauncherPorts() {
    Ports ports = Ports.defaults();
    Map<Service, Integer> expected =
        Map.of(
            Service.METADATA, ports.metadata(),
            Service.SIGNER, ports.signer(),
            Service.ADMISSION, ports.admission(),
            Service.AUDIT, ports.audit());
    List<String> published = stringList(service("pod"), "ports");
    for (Map.Entry<Service, Integer> entry : expected.entrySet()) {
      Map<String, String> environment = environment(service(entry.getKey().id()));
      String variable = entry.getKey() == Service.ADMISSION ? "HTTPS_PORT" : "HTTP_PORT";
      int port = entry.getValue();

      assertThat(environment.get(variable))
          .as("%s of %s", variable, entry.getKey())
          .isEqualTo(Integer.toString(port));
      assertThat(environment.get("HTTP_HOST"))
          .as("HTTP_HOST of %s", entry.getKey())
          .isEqualTo("0.0.0.0");
      assertThat(published).contains("127.0.0.1:" + port + ":" + port);
      if (environment.containsKey("KAFKA_BOOTSTRAP_SERVERS")) {
        assertThat(environment.get("KAFKA_BOOTSTRAP_SERVERS"))
            .isEqualTo("127.0.0.1:" + ports.kafka());
      }
      if (environment.containsKey("POSTGRES_PORT")) {
        assertThat(environment.get("POSTGRES_PORT")).isEqualTo(Integer.toString(ports.postgres()));
      }
    }
  }

  @Test
  void filesAreWhereTheLauncherWritesThem() {
    Map<String, Path> expected =
        Map.of(
            "POLICY_FILE", COMPOSE_HOME.policy(),
            "TLS_CERTIFICATE_FILE", COMPOSE_HOME.tlsCertificate(),
            "TLS_KEY_FILE", COMPOSE_HOME.tlsKey(),
            "AUDIT_SIGNING_KEY_FILE", COMPOSE_HOME.auditSigningKey(),
            "SIGNER_KEY_FILE", COMPOSE_HOME.signerKey());
    int checked = 0;
    for (Service service : Service.values()) {
      Map<String, Object> container = service(service.id());
      for (Map.Entry<String, String> variable : environment(container).entrySet()) {
        if (!variable.getKey().endsWith("_FILE")) {
          continue;
        }
        checked++;
        assertThat(expected).as("known file %s", variable.getKey()).containsKey(variable.getKey());
        assertThat(variable.getValue()).isEqualTo(expected.get(variable.getKey()).toString());
        assertThat(stringList(container, "volumes")).contains("custos-home:/custos:ro");
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(4);
    assertThat(stringList(service("prepare"), "command")).containsExactly("prepare", "/custos");
    assertThat(stringList(service("demo"), "command")).containsExactly("demo", "/custos");
  }

  @Test
  void imagesAreTheOnesTheBuildMakes() throws IOException {
    String version = projectVersion();
    for (Service service : Service.values()) {
      Properties packaged = new Properties();
      packaged.load(
          new StringReader(
              Files.readString(
                  root.resolve(service.module())
                      .resolve("src/main/resources/application.properties"))));
      String name = packaged.getProperty("quarkus.application.name");

      assertThat(service(service.id()).get("image"))
          .as("image of %s", service.id())
          .isEqualTo("custos/" + name + ":" + version);
    }
    assertThat(service("prepare").get("image")).isEqualTo("custos/custos-launcher:" + version);
    assertThat(service("demo").get("image")).isEqualTo("custos/custos-launcher:" + version);
  }

  @Test
  void postgresCreatesTheConfiguredRoles() throws IOException {
    String script = Files.readString(root.resolve("deploy/compose/postgres-init.sql"));
    List<String> mounts = stringList(service("postgres"), "volumes");
    assertThat(mounts)
        .contains("./deploy/compose/postgres-init.sql:/docker-entrypoint-initdb.d/custos.sql:ro");

    for (Service service : List.of(Service.METADATA, Service.AUDIT)) {
      Properties configuration = new Properties();
      configuration.load(new StringReader(ServiceConfiguration.of(service).template()));
      for (String prefix : List.of("quarkus.datasource", "quarkus.flyway")) {
        String user = configuration.getProperty(prefix + ".username");
        if (user == null) {
          continue;
        }
        String password = configuration.getProperty(prefix + ".password");
        assertThat(script)
            .as("role %s of %s", user, service.id())
            .contains("CREATE ROLE " + user + " LOGIN PASSWORD '" + password + "';");
      }
      String url = configuration.getProperty("quarkus.datasource.jdbc.url");
      String database = url.substring(url.lastIndexOf('/') + 1);
      assertThat(script)
          .as("database of %s", service.id())
          .contains("CREATE DATABASE " + database + " OWNER ");
    }
  }

  private static String projectVersion() throws IOException {
    String pom = Files.readString(root.resolve("pom.xml"));
    Matcher version =
        Pattern.compile("<artifactId>custos-parent</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(pom);
    assertThat(version.find()).as("version in pom.xml").isTrue();
    return version.group(1);
  }

  private static Map<String, Object> service(String name) {
    assertThat(services).as("service %s in docker-compose.yml", name).containsKey(name);
    return Yamls.map(services, name);
  }

  private static Map<String, String> environment(Map<String, Object> container) {
    Map<String, String> values = new java.util.HashMap<>();
    Yamls.mapOrEmpty(container, "environment")
        .forEach((key, value) -> values.put(key, String.valueOf(value)));
    return values;
  }

  private static List<String> stringList(Map<String, Object> parent, String key) {
    return Yamls.list(parent, key).stream().map(String::valueOf).toList();
  }
}
