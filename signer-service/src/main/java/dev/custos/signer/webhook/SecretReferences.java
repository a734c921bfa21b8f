package dev.custos.signer.webhook;

import dev.custos.signer.SignerConfig.SecretReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Reads the secrets that {@link SecretReference}s point at, once, at startup. */
public final class SecretReferences {
  private SecretReferences() {}

  /**
   * Reads a secret from its environment variable, file or value.
   *
   * @param property the configuration name of the reference, for error messages, such as {@code
   *     custos.signer.registries.main.secret}
   * @param environment returns an environment variable's value by name, or null
   * @throws IllegalStateException if not exactly one source is set, or the source is missing or
   *     blank. The message names the property but never the secret.
   */
  public static String read(
      SecretReference reference, String property, Function<String, String> environment) {
    requireOneSource(reference, property);

    String secret;
    if (reference.env().isPresent()) {
      secret = fromEnvironment(reference.env().get(), property, environment);
    } else if (reference.file().isPresent()) {
      secret = fromFile(reference.file().get(), property);
    } else {
      secret = reference.value().get();
    }
    if (secret.isBlank()) {
      throw new IllegalStateException(property + " is blank; set a non-blank secret");
    }
    return secret;
  }

  private static void requireOneSource(SecretReference reference, String property) {
    List<String> sources = new ArrayList<>();
    reference.env().ifPresent(name -> sources.add(property + ".env"));
    reference.file().ifPresent(path -> sources.add(property + ".file"));
    reference.value().ifPresent(value -> sources.add(property + ".value"));
    if (sources.size() != 1) {
      throw new IllegalStateException(
          "set exactly one of "
              + property
              + ".env, .file or .value, but "
              + (sources.isEmpty() ? "none is set" : String.join(" and ", sources) + " are set"));
    }
  }

  private static String fromEnvironment(
      String variable, String property, Function<String, String> environment) {
    String secret = environment.apply(variable);
    if (secret == null) {
      throw new IllegalStateException(
          property + ".env names the environment variable " + variable + ", which is not set");
    }
    return secret;
  }

  private static String fromFile(Path file, String property) {
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(
          property + ".file " + file + " cannot be read: " + e.getClass().getSimpleName(), e);
    }
    return stripTrailingLineBreak(content);
  }

  /**
   * Drops the line break that {@code echo} and most editors add, as Kubernetes secrets often have.
   */
  private static String stripTrailingLineBreak(String content) {
    if (content.endsWith("\r\n")) {
      return content.substring(0, content.length() - 2);
    }
    if (content.endsWith("\n")) {
      return content.substring(0, content.length() - 1);
    }
    return content;
  }
}
