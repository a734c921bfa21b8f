package dev.custos.signer.signapi;

import dev.custos.embedded.EmbeddedServers;
import dev.custos.signer.runner.GrafeasContractServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts a metadata-service contract server and generates a P-256 key with {@code openssl}, and
 * configures two workflow rules that sign with it: {@code team} for {@code localhost:5000/team/**}
 * with a HIGH maximum, and {@code scanned} for {@code localhost:5000/scanned/**}, which requires a
 * finished scan.
 */
public class SignerWorkflowResource implements QuarkusTestResourceLifecycleManager {
  static final String AUTHORITY = "projects/custos/notes/release";
  static final String VULNERABILITY_NOTE = "projects/goog-vulnz/notes/CVE-2024-3094";

  private GrafeasContractServer metadata;
  private Path workDir;

  @Override
  public Map<String, String> start() {
    try {
      workDir = Files.createTempDirectory("custos-sign-api");
      run(
          "openssl",
          "genpkey",
          "-algorithm",
          "EC",
          "-pkeyopt",
          "ec_paramgen_curve:P-256",
          "-out",
          "ec.pem");
      run("openssl", "pkey", "-in", "ec.pem", "-pubout", "-out", "ec.pub.pem");
      metadata =
          new GrafeasContractServer(
              EmbeddedServers.shared().kafka().bootstrapServers(), "sign-api-unused.", 100);
    } catch (IOException e) {
      throw new IllegalStateException("starting the metadata contract server failed", e);
    }
    metadata.addNote(AUTHORITY);
    metadata.addNote(VULNERABILITY_NOTE);

    Map<String, String> config = new HashMap<>();
    config.put("custos.signer.metadata.url", metadata.url().toString());
    config.put("custos.signer.metadata.projects", "scanner");
    config.put("custos.signer.keys.release-ec.authority", AUTHORITY);
    config.put("custos.signer.keys.release-ec.format", "pkix");
    config.put(
        "custos.signer.keys.release-ec.private-key.file", workDir.resolve("ec.pem").toString());
    rule(config, 0, "team", "localhost:5000/team/**", "HIGH");
    rule(config, 1, "scanned", "localhost:5000/scanned/**", "ALLOW_ALL");
    config.put("custos.signer.workflows[1].require-discovery", "true");
    config.put("custos.signer.workflows[1].max-discovery-wait", "10m");
    return config;
  }

  private static void rule(
      Map<String, String> config, int index, String name, String pattern, String maximum) {
    String prefix = "custos.signer.workflows[" + index + "].";
    config.put(prefix + "name", name);
    config.put(prefix + "repository", pattern);
    config.put(prefix + "authority", AUTHORITY);
    config.put(prefix + "key-name", "release-ec");
    config.put(prefix + "vulnerability-policy.maximum-fixable-severity", maximum);
    config.put(prefix + "vulnerability-policy.maximum-unfixable-severity", maximum);
  }

  @Override
  public void stop() {
    if (metadata != null) {
      metadata.close();
    }
    try (var paths = Files.walk(workDir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // A leftover temporary directory does not affect other tests.
    }
  }

  private void run(String... command) throws IOException {
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectErrorStream(true)
              .redirectOutput(workDir.resolve("openssl.log").toFile())
              .start();
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " failed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
