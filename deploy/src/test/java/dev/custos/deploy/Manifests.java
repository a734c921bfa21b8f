package dev.custos.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The Kubernetes objects of {@code deploy/base}, read from the files the kustomization lists. */
final class Manifests {
  static final String NAMESPACE = "custos";

  private final Path directory;
  private final List<Resource> resources;

  private Manifests(Path directory, List<Resource> resources) {
    this.directory = directory;
    this.resources = resources;
  }

  /** Returns the repository root, which the build passes as {@code custos.repository.root}. */
  static Path repositoryRoot() {
    String root = System.getProperty("custos.repository.root");
    if (root == null) {
      // Run from an IDE in the module directory.
      return Path.of("..").toAbsolutePath().normalize();
    }
    return Path.of(root).toAbsolutePath().normalize();
  }

  /** Reads every YAML document of every file that {@code base/kustomization.yaml} lists. */
  static Manifests load() throws IOException {
    Path base = repositoryRoot().resolve("deploy/base");
    Map<String, Object> kustomization = readSingle(base.resolve("kustomization.yaml"));
    List<Resource> resources = new ArrayList<>();
    for (Object file : Yamls.list(kustomization, "resources")) {
      Path path = base.resolve((String) file);
      for (Map<String, Object> document : readAll(path)) {
        resources.add(new Resource(path.getFileName().toString(), document));
      }
    }
    return new Manifests(base, resources);
  }

  Path directory() {
    return directory;
  }

  List<Resource> all() {
    return resources;
  }

  List<Resource> ofKind(String kind) {
    return resources.stream().filter(resource -> resource.kind().equals(kind)).toList();
  }

  Optional<Resource> find(String kind, String name) {
    return resources.stream()
        .filter(resource -> resource.kind().equals(kind) && resource.name().equals(name))
        .findFirst();
  }

  Resource get(String kind, String name) {
    return find(kind, name)
        .orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " in deploy/base"));
  }

  /** Returns the {@code application.properties} that a service's ConfigMap carries. */
  Properties serviceProperties(String configMapName) throws IOException {
    Resource configMap = get("ConfigMap", configMapName);
    String text = (String) Yamls.map(configMap.document(), "data").get("application.properties");
    if (text == null) {
      throw new AssertionError("ConfigMap " + configMapName + " has no application.properties");
    }
    Properties properties = new Properties();
    properties.load(new StringReader(text));
    return properties;
  }

  static Map<String, Object> readSingle(Path path) throws IOException {
    List<Map<String, Object>> documents = readAll(path);
    if (documents.size() != 1) {
      throw new AssertionError(path + " must hold one YAML document, has " + documents.size());
    }
    return documents.get(0);
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> readAll(Path path) throws IOException {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    Yaml yaml = new Yaml(new SafeConstructor(options));
    List<Map<String, Object>> documents = new ArrayList<>();
    for (Object document : yaml.loadAll(Files.readString(path))) {
      if (document == null) {
        continue;
      }
      if (!(document instanceof Map)) {
        throw new AssertionError(path + " holds a YAML document that is not a mapping");
      }
      documents.add((Map<String, Object>) document);
    }
    return documents;
  }

  /** One Kubernetes object and the file it came from. */
  record Resource(String file, Map<String, Object> document) {
    String kind() {
      return (String) document.get("kind");
    }

    String apiVersion() {
      return (String) document.get("apiVersion");
    }

    Map<String, Object> metadata() {
      return Yamls.map(document, "metadata");
    }

    String name() {
      return (String) metadata().get("name");
    }

    String namespace() {
      return (String) metadata().get("namespace");
    }

    Map<String, Object> spec() {
      return Yamls.map(document, "spec");
    }

    @Override
    public String toString() {
      return kind() + " " + name() + " (" + file + ")";
    }
  }
}
