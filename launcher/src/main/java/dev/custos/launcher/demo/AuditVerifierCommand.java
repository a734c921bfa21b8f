package dev.custos.launcher.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The audit log's offline verifier, {@code java -jar <audit-service>/target/...-verifier.jar}, run
 * as its own process on files saved from the API, as a compliance team runs it.
 */
final class AuditVerifierCommand {

  private final Path jar;

  private AuditVerifierCommand(Path jar) {
    this.jar = jar;
  }

  /** Returns the verifier that the audit module built, if the build made one. */
  static Optional<AuditVerifierCommand> find(Path repository) {
    Path target = repository.resolve("audit-service/target");
    if (!Files.isDirectory(target)) {
      return Optional.empty();
    }
    try (DirectoryStream<Path> jars =
        Files.newDirectoryStream(target, "custos-audit-service-*-verifier.jar")) {
      for (Path jar : jars) {
        return Optional.of(new AuditVerifierCommand(jar));
      }
    } catch (IOException e) {
      throw new StepFailedException("listing " + target + " failed: " + e.getMessage(), e);
    }
    return Optional.empty();
  }

  /** Returns the command line for {@code arguments}, for the walkthrough's output. */
  String commandLine(List<String> arguments) {
    return "java -jar " + jar + " " + String.join(" ", arguments);
  }

  /**
   * Runs the verifier and returns its output.
   *
   * @throws StepFailedException if it exits with a status other than 0, with its output
   */
  String run(List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(arguments);
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new StepFailedException("the audit verifier did not finish within 60 s");
      }
      if (process.exitValue() != 0) {
        throw new StepFailedException(
            "the audit verifier exited with status " + process.exitValue() + ": " + output.strip());
      }
      return output;
    } catch (IOException e) {
      throw new StepFailedException("running " + String.join(" ", command) + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StepFailedException("interrupted while running the audit verifier");
    }
  }
}
