package dev.custos.admission.fallback;

import dev.custos.admission.AdmissionConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The bearer token for the metadata service, from one of {@code
 * custos.admission.metadata.token.env}, {@code .file} or {@code .value}. A file is read again by
 * {@link #reload()}, because a Kubernetes projected service-account token is rotated in place. The
 * token is never logged.
 */
final class BearerToken implements Supplier<String> {
  private final Path file;
  private volatile String token;

  private BearerToken(String token, Path file) {
    this.token = token;
    this.file = file;
  }

  /**
   * Reads the token from its configured source, or returns a token that sends none.
   *
   * @throws IllegalStateException naming the property when several sources are set, the variable is
   *     unset or empty, or the file cannot be read or is empty
   */
  static BearerToken from(AdmissionConfig.Token config) {
    List<String> sources = new ArrayList<>();
    config.env().ifPresent(v -> sources.add("custos.admission.metadata.token.env"));
    config.file().ifPresent(v -> sources.add("custos.admission.metadata.token.file"));
    config.value().ifPresent(v -> sources.add("custos.admission.metadata.token.value"));
    if (sources.size() > 1) {
      throw new IllegalStateException(
          "set only one of " + String.join(", ", sources) + "; they all give the bearer token");
    }
    if (config.env().isPresent()) {
      String name = config.env().get();
      String value = System.getenv(name);
      if (value == null || value.isBlank()) {
        throw new IllegalStateException(
            "custos.admission.metadata.token.env names the environment variable "
                + name
                + ", which is unset or empty; set it or remove the property");
      }
      return new BearerToken(value.strip(), null);
    }
    if (config.file().isPresent()) {
      Path path = config.file().get();
      return new BearerToken(read(path), path);
    }
    return new BearerToken(config.value().map(String::strip).orElse(null), null);
  }

  @Override
  public String get() {
    return token;
  }

  /** Returns whether the token comes from a file, which {@link #reload()} reads again. */
  boolean fromFile() {
    return file != null;
  }

  /** Reads the file again; blocking, so call it off the event loop. */
  void reload() {
    token = read(file);
  }

  private static String read(Path path) {
    try {
      String value = Files.readString(path, StandardCharsets.UTF_8).strip();
      if (value.isEmpty()) {
        throw new IllegalStateException(
            "custos.admission.metadata.token.file " + path + " is empty; write the token to it");
      }
      return value;
    } catch (IOException e) {
      throw new IllegalStateException(
          "custos.admission.metadata.token.file " + path + " cannot be read: " + e, e);
    }
  }
}
