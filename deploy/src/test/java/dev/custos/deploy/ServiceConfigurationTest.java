package dev.custos.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks every setting in the services' ConfigMaps against the configuration tables of the service
 * READMEs, so that a misspelt key, which Quarkus would ignore, fails here instead.
 */
class ServiceConfigurationTest {
  private static final Map<String, String> MODULE_BY_CONFIG_MAP =
      Map.of(
          "custos-metadata-config", "metadata-service",
          "custos-signer-config", "signer-service",
          "custos-admission-config", "admission-service",
          "custos-audit-config", "audit-service");
  private static final Pattern TABLE_ROW =
      Pattern.compile("^\\| (`[a-z][^|]*)\\|", Pattern.MULTILINE);
  private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");

  /** Variables that Quarkus itself reads, the same for every service. */
  private static final Set<String> GENERIC_VARIABLES =
      Set.of("QUARKUS_CONFIG_LOCATIONS", "KAFKA_BOOTSTRAP_SERVERS");

  private static final Pattern PLACEHOLDER = Pattern.compile("<[^>]+>");

  private static Manifests manifests;

  @BeforeAll
  static void load() throws IOException {
    manifests = Manifests.load();
  }

  @Test
  void everyKeyIsDocumentedByItsService() throws IOException {
    for (Map.Entry<String, String> entry : MODULE_BY_CONFIG_MAP.entrySet()) {
      List<Pattern> documented = documentedKeys(entry.getValue());
      Properties properties = manifests.serviceProperties(entry.getKey());

      assertThat(properties).as("settings in %s", entry.getKey()).isNotEmpty();
      for (String key : properties.stringPropertyNames()) {
        assertThat(documented.stream().anyMatch(pattern -> pattern.matcher(key).matches()))
            .as("%s in %s is a setting of %s/README.md", key, entry.getKey(), entry.getValue())
            .isTrue();
      }
    }
  }

  @Test
  void everyEnvironmentVariableIsDocumented() throws IOException {
    Map<String, String> moduleByDeployment =
        Map.of(
            "custos-metadata", "metadata-service",
            "custos-signer", "signer-service",
            "custos-admission", "admission-service",
            "custos-audit", "audit-service");
    for (Map.Entry<String, String> entry : moduleByDeployment.entrySet()) {
      String readme =
          Files.readString(
              Manifests.repositoryRoot().resolve(entry.getValue()).resolve("README.md"));
      Manifests.Resource deployment = manifests.get("Deployment", entry.getKey());
      for (Map<String, Object> container : KubernetesManifestsTest.containers(deployment)) {
        for (Map<String, Object> env : Yamls.maps(container, "env")) {
          String name = (String) env.get("name");
          if (GENERIC_VARIABLES.contains(name)) {
            continue;
          }
          assertThat(readme)
              .as("%s of %s in %s/README.md", name, deployment, entry.getValue())
              .contains("`" + name + "`");
        }
      }
    }
  }

  @Test
  void documentedKeyPatternsMatchExamples() throws IOException {
    List<Pattern> signer = documentedKeys("signer-service");

    assertThat(signer)
        .anySatisfy(
            pattern ->
                assertThat(pattern.matcher("custos.signer.registries.main.secret.file").matches())
                    .isTrue());
    assertThat(signer)
        .noneSatisfy(
            pattern ->
                assertThat(pattern.matcher("custos.signer.registries.main.secret.path").matches())
                    .isTrue());
    assertThat(signer)
        .anySatisfy(
            pattern ->
                assertThat(pattern.matcher("custos.signer.registries.main.hmac.key.file").matches())
                    .isTrue());
  }

  /**
   * Reads the property names from the tables of a module's README as patterns: {@code <name>}
   * stands for one key segment, {@code [<i>]} for an index, a trailing {@code .*} for the
   * properties a later table lists, and a {@code .file} after a key for that key's sibling.
   */
  static List<Pattern> documentedKeys(String module) throws IOException {
    String readme =
        Files.readString(Manifests.repositoryRoot().resolve(module).resolve("README.md"));
    List<Pattern> keys = new ArrayList<>();
    Matcher row = TABLE_ROW.matcher(readme);
    while (row.find()) {
      // A first cell such as `a.key.env`, `.file`, `.value` documents three keys.
      Matcher cell = BACKTICKED.matcher(row.group(1));
      String first = null;
      while (cell.find()) {
        String key = cell.group(1);
        if (first == null) {
          if (!key.contains(".")) {
            break;
          }
          first = key;
          keys.add(toPattern(key));
        } else if (key.startsWith(".")) {
          keys.add(toPattern(first.substring(0, first.lastIndexOf('.')) + key));
        }
      }
    }
    assertThat(keys).as("properties documented in %s/README.md", module).isNotEmpty();
    return keys;
  }

  private static Pattern toPattern(String documentedKey) {
    StringBuilder regex = new StringBuilder();
    String key = documentedKey;
    boolean wildcardTail = key.endsWith(".*");
    if (wildcardTail) {
      key = key.substring(0, key.length() - 2);
    }
    Matcher placeholder = PLACEHOLDER.matcher(key);
    int last = 0;
    while (placeholder.find()) {
      regex.append(Pattern.quote(key.substring(last, placeholder.start())));
      regex.append("[^.\\[\\]]+");
      last = placeholder.end();
    }
    regex.append(Pattern.quote(key.substring(last)));
    if (wildcardTail) {
      regex.append("\\..+");
    }
    return Pattern.compile(regex.toString());
  }
}
