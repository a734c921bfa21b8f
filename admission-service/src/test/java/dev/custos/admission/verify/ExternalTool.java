package dev.custos.admission.verify;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs {@code gpg} or {@code openssl} as a child process with a timeout. */
final class ExternalTool {
  private static final long TIMEOUT_SECONDS = 60;

  private ExternalTool() {}

  /** Skips the calling test when {@code binary} is not on the {@code PATH}. */
  static void assumeInstalled(String binary) {
    String path = System.getenv().getOrDefault("PATH", "");
    boolean found =
        List.of(path.split(File.pathSeparator)).stream()
            .anyMatch(directory -> Files.isExecutable(Path.of(directory, binary)));
    assumeTrue(found, binary + " is not installed");
  }

  /**
   * Runs {@code command} and returns its standard output.
   *
   * @throws IllegalStateException if the command exits with a non-zero status or times out, with
   *     its standard error
   */
  static byte[] run(Map<String, String> environment, byte[] input, List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    try {
      Process process = builder.start();
      CompletableFuture<byte[]> stdout = readAsync(process.getInputStream());
      CompletableFuture<byte[]> stderr = readAsync(process.getErrorStream());
      try (var stdin = process.getOutputStream()) {
        stdin.write(input);
      }

      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            command.get(0) + " timed out after " + TIMEOUT_SECONDS + " s: " + command);
      }
      if (process.exitValue() != 0) {
        String error = new String(stderr.join(), StandardCharsets.UTF_8);
        throw new IllegalStateException(
            command + " exited with " + process.exitValue() + ": " + error);
      }
      return stdout.join();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }

  static byte[] run(List<String> command) {
    return run(Map.of(), new byte[0], command);
  }

  private static CompletableFuture<byte[]> readAsync(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new IllegalStateException("cannot read the output of a child process", e);
          }
        });
  }
}
