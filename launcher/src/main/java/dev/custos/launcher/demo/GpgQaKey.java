package dev.custos.launcher.demo;

import dev.custos.embedded.Folders;
import dev.custos.launcher.LauncherException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A QA key made by the real {@code gpg}, in a temporary {@code GNUPGHOME} deleted on close, as a QA
 * engineer would make one.
 */
final class GpgQaKey implements QaKey {

  static final String USER_ID = "Custos QA <qa@custos.local>";

  private final Path gnupgHome;
  private final String fingerprint;

  private GpgQaKey(Path gnupgHome, String fingerprint) {
    this.gnupgHome = gnupgHome;
    this.fingerprint = fingerprint;
  }

  /** Returns whether {@code gpg} runs on this machine. */
  static boolean available() {
    try {
      Process process = new ProcessBuilder("gpg", "--version").redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Generates an Ed25519 signing key without a passphrase, valid for a day. */
  static GpgQaKey generate(Path parent) {
    Path home;
    try {
      Files.createDirectories(parent);
      home =
          Files.createTempDirectory(
              parent,
              "gnupg-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw new LauncherException("creating a GNUPGHOME under " + parent + " failed", e);
    }
    run(
        home,
        List.of(
            "--batch",
            "--passphrase",
            "",
            "--quick-generate-key",
            USER_ID,
            "ed25519",
            "sign",
            "1d"),
        null);
    String colons =
        run(home, List.of("--batch", "--with-colons", "--list-secret-keys", USER_ID), null);
    String fingerprint =
        colons
            .lines()
            .filter(line -> line.startsWith("fpr:"))
            .findFirst()
            .map(line -> line.split(":")[9])
            .orElseThrow(
                () ->
                    new LauncherException(
                        "gpg listed no fingerprint for " + USER_ID + ": " + colons));
    return new GpgQaKey(home, fingerprint);
  }

  @Override
  public String description() {
    return "gpg --quick-generate-key in the temporary GNUPGHOME " + gnupgHome;
  }

  @Override
  public String fingerprint() {
    return fingerprint;
  }

  @Override
  public String armoredPublicKey() {
    return run(gnupgHome, List.of("--batch", "--armor", "--export", fingerprint), null);
  }

  @Override
  public String clearSign(String text) {
    return run(
        gnupgHome, List.of("--batch", "--armor", "--clearsign", "--local-user", fingerprint), text);
  }

  @Override
  public void close() {
    // The agent that gpg started for this home would otherwise outlive it.
    execute(
        gnupgHome,
        List.of("gpgconf", "--homedir", gnupgHome.toString(), "--kill", "gpg-agent"),
        null);
    Folders.deleteRecursively(gnupgHome);
  }

  private static String run(Path home, List<String> arguments, String input) {
    List<String> command = new ArrayList<>();
    command.add("gpg");
    command.add("--homedir");
    command.add(home.toString());
    command.addAll(arguments);
    return execute(home, command, input);
  }

  private static String execute(Path home, List<String> command, String input) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().put("GNUPGHOME", home.toString());
      Path errors = Files.createTempFile(home, "stderr-", ".txt");
      builder.redirectError(errors.toFile());
      Process process = builder.start();
      if (input != null) {
        process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
      }
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new LauncherException(String.join(" ", command) + " timed out after 60 s");
      }
      String stderr = Files.readString(errors, StandardCharsets.UTF_8);
      Files.deleteIfExists(errors);
      if (process.exitValue() != 0) {
        throw new LauncherException(
            String.join(" ", command)
                + " failed with status "
                + process.exitValue()
                + ": "
                + stderr.strip());
      }
      return output;
    } catch (IOException e) {
      throw new LauncherException("running " + String.join(" ", command) + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LauncherException("interrupted while running " + command.get(0));
    }
  }
}
