package dev.custos.signer.signing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code gpg} or {@code openssl} with a timeout and collects their output. */
final class ExternalTool {
  private static final long TIMEOUT_SECONDS = 120;

  /** Exit code and output of one run. */
  record Result(int exitCode, String stdout, String stderr) {
    Result requireSuccess() {
      if (exitCode != 0) {
        throw new IllegalStateException("exit code " + exitCode + ": " + stderr);
      }
      return this;
    }
  }

  private ExternalTool() {}

  static Result run(Path workDir, Map<String, String> environment, List<String> command) {
    try {
      Path stdout = Files.createTempFile(workDir, "stdout", ".txt");
      Path stderr = Files.createTempFile(workDir, "stderr", ".txt");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile());
      builder.environment().putAll(environment);

      Process process = builder.start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "timed out after " + TIMEOUT_SECONDS + " s: " + String.join(" ", command));
      }
      return new Result(
          process.exitValue(),
          Files.readString(stdout, StandardCharsets.UTF_8),
          Files.readString(stderr, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }

  static Result run(Path workDir, String... command) {
    return run(workDir, Map.of(), List.of(command));
  }

  /** Deletes a directory tree, for the temporary key directories. */
  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
