package dev.custos.signer.webhook;

import dev.custos.signer.SignerConfig;
import dev.custos.signer.SignerConfig.BodySignature;
import dev.custos.signer.SignerConfig.CredentialScheme;
import dev.custos.signer.SignerConfig.Registry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The registry webhook endpoints of {@code custos.signer.registries}, built once with their secrets
 * read. Without any registry configured, every webhook request is rejected as an unknown registry.
 */
@ApplicationScoped
public class RegistryEndpoints {
  private static final String PREFIX = "custos.signer.registries.";

  /** A single lowercase path segment, which also keeps {@code :} out of derived event ids. */
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

  private final Map<String, RegistryEndpoint> endpoints;

  @Inject
  RegistryEndpoints(SignerConfig config) {
    this(fromConfig(config.registries(), System::getenv));
  }

  RegistryEndpoints(Map<String, RegistryEndpoint> endpoints) {
    this.endpoints = Map.copyOf(endpoints);
  }

  /** Returns the endpoint of the registry named {@code name}, when one is configured. */
  public Optional<RegistryEndpoint> find(String name) {
    return Optional.ofNullable(endpoints.get(name));
  }

  /** Returns the number of configured registries. */
  public int size() {
    return endpoints.size();
  }

  /** Returns the configured registry names, sorted. */
  public Set<String> names() {
    return new TreeMap<>(endpoints).keySet();
  }

  /**
   * Builds the endpoints of every configured registry.
   *
   * @param environment returns an environment variable's value by name, or null
   * @throws IllegalStateException if a name, host, header or secret is invalid. The message names
   *     the property.
   */
  static Map<String, RegistryEndpoint> fromConfig(
      Map<String, Registry> registries, Function<String, String> environment) {
    Map<String, RegistryEndpoint> endpoints = new TreeMap<>();
    registries.forEach(
        (name, registry) -> endpoints.put(name, toEndpoint(name, registry, environment)));
    return endpoints;
  }

  private static RegistryEndpoint toEndpoint(
      String name, Registry registry, Function<String, String> environment) {
    String property = PREFIX + name;
    if (!NAME.matcher(name).matches()) {
      throw new IllegalStateException(
          property
              + ": invalid registry name \""
              + name
              + "\": use lowercase letters, digits and inner hyphens, such as main or harbor-eu");
    }
    validateHost(registry.host(), property + ".host");

    WebhookCredentialCheck check = credentialCheck(registry, property, environment);
    if (registry.hmac().isPresent()) {
      check = withBodySignature(check, registry.hmac().get(), property + ".hmac", environment);
    }
    return new RegistryEndpoint(name, registry.host(), check);
  }

  private static void validateHost(String host, String property) {
    try {
      PushedReferences.validateHost(host);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(property + ": " + e.getMessage(), e);
    }
  }

  private static WebhookCredentialCheck credentialCheck(
      Registry registry, String property, Function<String, String> environment) {
    String secret = SecretReferences.read(registry.secret(), property + ".secret", environment);
    if (registry.scheme() == CredentialScheme.BEARER) {
      if (registry.secretHeader().isPresent()) {
        throw new IllegalStateException(
            property
                + ".secret-header is set, but the scheme is bearer; set "
                + property
                + ".scheme=shared-secret-header or remove the header");
      }
      return WebhookCredentialCheck.bearerToken(secret);
    }
    String header =
        registry
            .secretHeader()
            .filter(value -> !value.isBlank())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        property
                            + ".secret-header is missing; the shared-secret-header scheme needs"
                            + " the name of the header that carries the secret"));
    return WebhookCredentialCheck.sharedSecretHeader(header.trim(), secret);
  }

  private static WebhookCredentialCheck withBodySignature(
      WebhookCredentialCheck check,
      BodySignature signature,
      String property,
      Function<String, String> environment) {
    if (signature.header().isBlank()) {
      throw new IllegalStateException(property + ".header is blank; name the signature header");
    }
    String key = SecretReferences.read(signature.key(), property + ".key", environment);
    return check.withBodySignature(signature.header().trim(), key.getBytes(StandardCharsets.UTF_8));
  }
}
