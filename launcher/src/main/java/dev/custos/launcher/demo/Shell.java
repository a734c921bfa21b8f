package dev.custos.launcher.demo;

import dev.custos.launcher.LocalHttp;
import dev.custos.launcher.LocalSystem;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Files and command lines of the walkthrough: what a person at a shell would write and run. */
final class Shell {

  private Shell() {}

  /**
   * Runs {@code curl} with {@code arguments} and returns its output. Without curl on the machine,
   * it prints a line about it and sends the same upload with Java's HTTP client. The last two
   * arguments must then be {@code --data-binary @file} and the URL. It returns the body and the
   * status, as {@code -w '\n%{http_code}'} prints them.
   */
  static String curl(List<String> command, ServiceCalls calls, PrintStream out) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new StepFailedException("curl did not finish within 30 s");
      }
      if (process.exitValue() != 0) {
        throw new StepFailedException(
            "curl failed with status " + process.exitValue() + ": " + output);
      }
      return output;
    } catch (IOException e) {
      out.println("   curl is not installed; sending the same request with Java's HTTP client");
      String body = read(Path.of(command.get(command.size() - 2).substring(1)));
      LocalHttp.Response response =
          calls.post(
              command.get(command.size() - 1),
              body,
              "Authorization",
              "Bearer " + LocalSystem.METADATA_TOKEN,
              "Content-Type",
              "application/json");
      return response.body() + "\n" + response.status();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StepFailedException("interrupted while running curl");
    }
  }

  /** Returns {@code words} as a shell command line, quoting the words that need it. */
  static String words(List<String> words) {
    return String.join(" ", words.stream().map(Shell::quote).toList());
  }

  private static String quote(String word) {
    return word.matches("[A-Za-z0-9_@%:/.=,+-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
  }

  static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StepFailedException("writing " + file + " failed: " + e.getMessage(), e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StepFailedException("reading " + file + " failed: " + e.getMessage(), e);
    }
  }
}
