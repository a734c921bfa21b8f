package dev.custos.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.deploy.Manifests.Resource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KubernetesManifestsTest {
  private static final Set<String> CLUSTER_SCOPED =
      Set.of("Namespace", "ValidatingWebhookConfiguration");
  private static final Pattern SECRET_ROW =
      Pattern.compile("^\\| `(custos-[a-z0-9-]+)` \\| ([^|]+) \\|", Pattern.MULTILINE);
  private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");

  private static Manifests manifests;

  @BeforeAll
  static void load() throws IOException {
    manifests = Manifests.load();
  }

  @Test
  void kustomizationListsEveryManifestFile() throws IOException {
    Map<String, Object> kustomization =
        Manifests.readSingle(manifests.directory().resolve("kustomization.yaml"));
    Set<String> listed = new HashSet<>();
    for (Object file : Yamls.list(kustomization, "resources")) {
      listed.add((String) file);
    }
    Set<String> generatorFiles = new HashSet<>();
    for (Map<String, Object> generator : Yamls.maps(kustomization, "configMapGenerator")) {
      for (Object file : Yamls.list(generator, "files")) {
        generatorFiles.add((String) file);
        assertThat(manifests.directory().resolve((String) file)).isRegularFile();
      }
    }

    try (Stream<Path> files = Files.list(manifests.directory())) {
      List<String> yamlFiles =
          files
              .map(path -> path.getFileName().toString())
              .filter(name -> name.endsWith(".yaml"))
              .filter(name -> !name.equals("kustomization.yaml"))
              .filter(name -> !generatorFiles.contains(name))
              .toList();
      assertThat(listed).containsExactlyInAnyOrderElementsOf(yamlFiles);
    }
  }

  @Test
  void everyObjectHasKindNameAndNamespace() {
    Set<String> seen = new HashSet<>();
    for (Resource resource : manifests.all()) {
      assertThat(resource.apiVersion()).as("apiVersion of %s", resource).isNotBlank();
      assertThat(resource.kind()).as("kind in %s", resource.file()).isNotBlank();
      assertThat(resource.name()).as("name of %s", resource).matches("[a-z0-9][a-z0-9.-]*");
      if (CLUSTER_SCOPED.contains(resource.kind())) {
        assertThat(resource.namespace()).as("namespace of %s", resource).isNull();
      } else {
        assertThat(resource.namespace()).as("namespace of %s", resource).isEqualTo("custos");
      }
      assertThat(seen.add(resource.kind() + "/" + resource.name()))
          .as("%s defined once", resource)
          .isTrue();
    }
  }

  @Test
  void deploymentSelectorsMatchTheirPods() {
    assertThat(manifests.ofKind("Deployment")).hasSize(4);
    for (Resource deployment : manifests.ofKind("Deployment")) {
      Map<String, Object> selector =
          Yamls.map(Yamls.map(deployment.spec(), "selector"), "matchLabels");
      Map<String, Object> podLabels = podLabels(deployment);
      assertThat(podLabels).as("pod labels of %s", deployment).containsAllEntriesOf(selector);
    }
  }

  @Test
  void servicesSelectPodsAndNamedPorts() {
    assertThat(manifests.ofKind("Service")).hasSize(4);
    for (Resource service : manifests.ofKind("Service")) {
      Map<String, Object> selector = Yamls.map(service.spec(), "selector");
      List<Resource> selected =
          manifests.ofKind("Deployment").stream()
              .filter(
                  deployment -> podLabels(deployment).entrySet().containsAll(selector.entrySet()))
              .toList();
      assertThat(selected).as("deployments that %s selects", service).hasSize(1);

      Set<Object> containerPorts = containerPortNames(selected.get(0));
      for (Map<String, Object> port : Yamls.maps(service.spec(), "ports")) {
        assertThat(containerPorts)
            .as("targetPort %s of %s", port.get("targetPort"), service)
            .contains(port.get("targetPort"));
      }
    }
  }

  @Test
  void containersHaveProbesResourcesAndHardening() {
    for (Resource deployment : manifests.ofKind("Deployment")) {
      for (Map<String, Object> container : containers(deployment)) {
        Set<Object> ports = portNames(container);
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
          Object port = Yamls.at(container, probe + ".httpGet.port");
          assertThat(port).as("%s port of %s", probe, deployment).isNotNull();
          assertThat(ports).as("%s port of %s", probe, deployment).contains(port);
          assertThat((String) Yamls.at(container, probe + ".httpGet.path"))
              .as("%s path of %s", probe, deployment)
              .startsWith("/q/health/");
        }
        assertThat(Yamls.at(container, "resources.requests.cpu"))
            .as("cpu request of %s", deployment)
            .isNotNull();
        assertThat(Yamls.at(container, "resources.requests.memory"))
            .as("memory request of %s", deployment)
            .isNotNull();
        assertThat(Yamls.at(container, "securityContext.allowPrivilegeEscalation"))
            .as("allowPrivilegeEscalation of %s", deployment)
            .isEqualTo(false);
        assertThat(Yamls.at(container, "securityContext.readOnlyRootFilesystem"))
            .as("readOnlyRootFilesystem of %s", deployment)
            .isEqualTo(true);
      }
      assertThat(Yamls.at(podSpec(deployment), "securityContext.runAsNonRoot"))
          .as("runAsNonRoot of %s", deployment)
          .isEqualTo(true);
    }
  }

  @Test
  void mountsAndConfigMapReferencesResolve() {
    for (Resource workload : workloads()) {
      Map<String, Object> podSpec = podSpec(workload);
      Map<String, Map<String, Object>> volumes = new HashMap<>();
      for (Map<String, Object> volume : Yamls.maps(podSpec, "volumes")) {
        volumes.put((String) volume.get("name"), volume);
        Object configMap = Yamls.at(volume, "configMap.name");
        if (configMap != null) {
          assertThat(
                  manifests.find("ConfigMap", (String) configMap).isPresent()
                      || generated(configMap))
              .as("ConfigMap %s of %s", configMap, workload)
              .isTrue();
        }
      }
      for (Map<String, Object> container : Yamls.maps(podSpec, "containers")) {
        for (Map<String, Object> mount : Yamls.maps(container, "volumeMounts")) {
          assertThat(volumes)
              .as("volume of mount %s in %s", mount, workload)
              .containsKey((String) mount.get("name"));
        }
        for (Map<String, Object> env : Yamls.maps(container, "env")) {
          Object name = Yamls.at(env, "valueFrom.configMapKeyRef.name");
          if (name == null) {
            continue;
          }
          Object key = Yamls.at(env, "valueFrom.configMapKeyRef.key");
          Map<String, Object> data =
              Yamls.map(manifests.get("ConfigMap", (String) name).document(), "data");
          assertThat(data)
              .as("key %s of ConfigMap %s in %s", key, name, workload)
              .containsKey((String) key);
        }
      }
    }
  }

  @Test
  void configLocationIsAMountedConfigMapFile() {
    for (Resource deployment : manifests.ofKind("Deployment")) {
      Map<String, Object> container = containers(deployment).get(0);
      String location = env(container).get("QUARKUS_CONFIG_LOCATIONS");
      assertThat(location).as("QUARKUS_CONFIG_LOCATIONS of %s", deployment).startsWith("file:/");
      Path file = Path.of(location.substring("file:".length()));

      Map<String, Object> mount =
          Yamls.maps(container, "volumeMounts").stream()
              .filter(m -> file.getParent().toString().equals(m.get("mountPath")))
              .findFirst()
              .orElseThrow(
                  () ->
                      new AssertionError(
                          "nothing mounted at " + file.getParent() + " in " + deployment));
      Map<String, Object> volume =
          Yamls.maps(podSpec(deployment), "volumes").stream()
              .filter(v -> v.get("name").equals(mount.get("name")))
              .findFirst()
              .orElseThrow();
      String configMap = (String) Yamls.at(volume, "configMap.name");
      assertThat(configMap).as("config volume of %s", deployment).isNotNull();
      assertThat(Yamls.map(manifests.get("ConfigMap", configMap).document(), "data"))
          .containsKey(file.getFileName().toString());
    }
  }

  @Test
  void referencedSecretsAreDocumentedOrIssued() throws IOException {
    Map<String, Set<String>> documented = documentedSecrets();
    Set<String> issued = new HashSet<>();
    for (Resource certificate : manifests.ofKind("Certificate")) {
      issued.add((String) certificate.spec().get("secretName"));
    }

    Set<String> referenced = new HashSet<>();
    for (Resource workload : workloads()) {
      Map<String, Object> podSpec = podSpec(workload);
      for (Map<String, Object> volume : Yamls.maps(podSpec, "volumes")) {
        String secret = (String) Yamls.at(volume, "secret.secretName");
        if (secret == null) {
          continue;
        }
        referenced.add(secret);
        if (issued.contains(secret)) {
          continue;
        }
        assertThat(documented)
            .as("Secret %s of %s in deploy/README.md", secret, workload)
            .containsKey(secret);
        for (Map<String, Object> item : Yamls.maps(Yamls.map(volume, "secret"), "items")) {
          assertThat(documented.get(secret))
              .as("keys of Secret %s", secret)
              .contains((String) item.get("key"));
        }
      }
      for (Map<String, Object> container : Yamls.maps(podSpec, "containers")) {
        for (Map<String, Object> env : Yamls.maps(container, "env")) {
          String secret = (String) Yamls.at(env, "valueFrom.secretKeyRef.name");
          if (secret == null) {
            continue;
          }
          referenced.add(secret);
          assertThat(documented)
              .as("Secret %s of %s in deploy/README.md", secret, workload)
              .containsKey(secret);
          assertThat(documented.get(secret))
              .as("keys of Secret %s", secret)
              .contains((String) Yamls.at(env, "valueFrom.secretKeyRef.key"));
        }
      }
    }
    assertThat(referenced)
        .as("Secrets that the README documents and a workload uses")
        .containsAll(documented.keySet());
  }

  @Test
  void admissionHasSpareReplicasAndDisruptionBudget() {
    Resource deployment = manifests.get("Deployment", "custos-admission");
    int replicas = (Integer) deployment.spec().get("replicas");
    assertThat(replicas).isGreaterThanOrEqualTo(2);

    List<Resource> budgets = manifests.ofKind("PodDisruptionBudget");
    assertThat(budgets).hasSize(1);
    Resource budget = budgets.get(0);
    assertThat(budget.apiVersion()).isEqualTo("policy/v1");
    assertThat(podLabels(deployment))
        .containsAllEntriesOf(Yamls.map(Yamls.map(budget.spec(), "selector"), "matchLabels"));
    int minAvailable = (Integer) budget.spec().get("minAvailable");
    assertThat(minAvailable).isBetween(1, replicas - 1);
  }

  @Test
  void admissionServesHttpsFromIssuedCertificate() {
    Resource deployment = manifests.get("Deployment", "custos-admission");
    Map<String, Object> container = containers(deployment).get(0);
    assertThat(Yamls.at(container, "readinessProbe.httpGet.scheme")).isEqualTo("HTTPS");

    Resource certificate = manifests.get("Certificate", "custos-admission-serving");
    Resource service = manifests.get("Service", "custos-admission");
    assertThat(Yamls.list(certificate.spec(), "dnsNames"))
        .contains(service.name() + "." + service.namespace() + ".svc");
    String tlsSecret =
        Yamls.maps(podSpec(deployment), "volumes").stream()
            .filter(volume -> "tls".equals(volume.get("name")))
            .map(volume -> (String) Yamls.at(volume, "secret.secretName"))
            .findFirst()
            .orElseThrow();
    assertThat(certificate.spec().get("secretName")).isEqualTo(tlsSecret);

    String issuer = (String) Yamls.at(certificate.spec(), "issuerRef.name");
    assertThat(manifests.find("Issuer", issuer)).as("Issuer %s", issuer).isPresent();
  }

  static Map<String, Set<String>> documentedSecrets() throws IOException {
    String readme = Files.readString(Manifests.repositoryRoot().resolve("deploy/README.md"));
    Map<String, Set<String>> secrets = new HashMap<>();
    Matcher row = SECRET_ROW.matcher(readme);
    while (row.find()) {
      Set<String> keys = new HashSet<>();
      Matcher key = BACKTICKED.matcher(row.group(2));
      while (key.find()) {
        keys.add(key.group(1));
      }
      secrets.put(row.group(1), keys);
    }
    assertThat(secrets).as("Secrets table in deploy/README.md").isNotEmpty();
    return secrets;
  }

  private static boolean generated(Object configMap) {
    return "custos-admission-policy".equals(configMap);
  }

  private static List<Resource> workloads() {
    return manifests.all().stream()
        .filter(resource -> resource.kind().equals("Deployment") || resource.kind().equals("Job"))
        .toList();
  }

  static Map<String, Object> podSpec(Resource workload) {
    return Yamls.map(Yamls.map(workload.spec(), "template"), "spec");
  }

  static List<Map<String, Object>> containers(Resource workload) {
    return Yamls.maps(podSpec(workload), "containers");
  }

  static Map<String, String> env(Map<String, Object> container) {
    Map<String, String> values = new HashMap<>();
    for (Map<String, Object> env : Yamls.maps(container, "env")) {
      if (env.get("value") != null) {
        values.put((String) env.get("name"), String.valueOf(env.get("value")));
      }
    }
    return values;
  }

  private static Map<String, Object> podLabels(Resource deployment) {
    return Yamls.map(Yamls.map(Yamls.map(deployment.spec(), "template"), "metadata"), "labels");
  }

  private static Set<Object> containerPortNames(Resource deployment) {
    Set<Object> names = new HashSet<>();
    for (Map<String, Object> container : containers(deployment)) {
      names.addAll(portNames(container));
    }
    return names;
  }

  private static Set<Object> portNames(Map<String, Object> container) {
    Set<Object> names = new HashSet<>();
    for (Map<String, Object> port : Yamls.maps(container, "ports")) {
      names.add(port.get("name"));
    }
    return names;
  }
}
