package dev.custos.signer.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.signer.SignerConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryEndpointsTest {
  private static final String PREFIX = "custos.signer.registries.";
  private static final Function<String, String> NO_ENVIRONMENT = name -> null;

  @TempDir Path folder;

  @Test
  void noRegistriesGiveNoEndpoints() {
    Map<String, RegistryEndpoint> endpoints = build(Map.of(), NO_ENVIRONMENT);

    assertThat(endpoints).isEmpty();
  }

  @Test
  void tokenFromEnvironmentIsChecked() {
    Map<String, RegistryEndpoint> endpoints =
        build(
            Map.of(
                PREFIX + "main.host", "registry.example.com:5000",
                PREFIX + "main.secret.env", "MAIN_TOKEN"),
            name -> name.equals("MAIN_TOKEN") ? "env-token" : null);

    RegistryEndpoint main = endpoints.get("main");
    assertThat(main.host()).isEqualTo("registry.example.com:5000");
    assertThat(main.credentialCheck().usesBearerToken()).isTrue();
    assertThat(check(main, Map.of("Authorization", "Bearer env-token"), new byte[0]))
        .isEqualTo(CredentialCheckResult.ACCEPTED);
  }

  @Test
  void secretFileDropsTrailingLineBreak() throws IOException {
    Path file = folder.resolve("secret");
    Files.writeString(file, "file-secret\n");

    Map<String, RegistryEndpoint> endpoints =
        build(
            Map.of(
                PREFIX + "harbor.host", "harbor.example.com",
                PREFIX + "harbor.scheme", "shared-secret-header",
                PREFIX + "harbor.secret-header", "X-Harbor-Secret",
                PREFIX + "harbor.secret.file", file.toString()),
            NO_ENVIRONMENT);

    RegistryEndpoint harbor = endpoints.get("harbor");
    assertThat(harbor.credentialCheck().usesBearerToken()).isFalse();
    assertThat(check(harbor, Map.of("X-Harbor-Secret", "file-secret"), new byte[0]))
        .isEqualTo(CredentialCheckResult.ACCEPTED);
  }

  @Test
  void hmacKeyIsRequired() throws Exception {
    byte[] body = "{\"events\":[]}".getBytes(StandardCharsets.UTF_8);
    Map<String, RegistryEndpoint> endpoints =
        build(
            Map.of(
                PREFIX + "main.host", "registry.example.com",
                PREFIX + "main.secret.value", "token",
                PREFIX + "main.hmac.header", "X-Signature",
                PREFIX + "main.hmac.key.env", "HMAC_KEY"),
            name -> name.equals("HMAC_KEY") ? "key" : null);

    RegistryEndpoint main = endpoints.get("main");
    Map<String, String> signed =
        Map.of("Authorization", "Bearer token", "X-Signature", "sha256=" + hmac("key", body));
    assertThat(check(main, signed, body)).isEqualTo(CredentialCheckResult.ACCEPTED);
    assertThat(check(main, Map.of("Authorization", "Bearer token"), body))
        .isEqualTo(CredentialCheckResult.MISSING_SIGNATURE);
  }

  @Test
  void missingSecretIsRejected() {
    Map<String, String> properties = Map.of(PREFIX + "main.host", "registry.example.com");

    assertThatThrownBy(() -> build(properties, NO_ENVIRONMENT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "set exactly one of custos.signer.registries.main.secret.env, .file or .value, but"
                + " none is set");
  }

  @Test
  void twoSecretSourcesAreRejected() {
    Map<String, String> properties =
        Map.of(
            PREFIX + "main.host", "registry.example.com",
            PREFIX + "main.secret.env", "TOKEN",
            PREFIX + "main.secret.value", "token");

    assertThatThrownBy(() -> build(properties, NO_ENVIRONMENT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("but custos.signer.registries.main.secret.env and");
  }

  @Test
  void unsetEnvironmentVariableIsRejected() {
    Map<String, String> properties =
        Map.of(
            PREFIX + "main.host", "registry.example.com",
            PREFIX + "main.secret.env", "MISSING_TOKEN");

    assertThatThrownBy(() -> build(properties, NO_ENVIRONMENT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "custos.signer.registries.main.secret.env names the environment variable"
                + " MISSING_TOKEN, which is not set");
  }

  @Test
  void unreadableSecretFileIsRejected() {
    Map<String, String> properties =
        Map.of(
            PREFIX + "main.host",
            "registry.example.com",
            PREFIX + "main.secret.file",
            folder.resolve("absent").toString());

    assertThatThrownBy(() -> build(properties, NO_ENVIRONMENT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("custos.signer.registries.main.secret.file")
        .hasMessageContaining("cannot be read: NoSuchFileException");
  }

  @Test
  void sharedSecretNeedsHeaderName() {
    Map<String, String> properties =
        Map.of(
            PREFIX + "main.host", "registry.example.com",
            PREFIX + "main.scheme", "shared-secret-header",
            PREFIX + "main.secret.value", "secret");

    assertThatThrownBy(() -> build(properties, NO_ENVIRONMENT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("custos.signer.registries.main.secret-header is missing");
  }

  @Test
  void invalidHostIsRejected() {
    Map<String, String> properties =
        Map.of(
            PREFIX + "main.host", "https://registry.example.com",
            PREFIX + "main.secret.value", "token");

    assertThatThrownBy(() -> build(properties, NO_ENVIRONMENT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("custos.signer.registries.main.host: ");
  }

  @Test
  void invalidNameIsRejected() {
    Map<String, String> properties =
        Map.of(
            PREFIX + "Main.host", "registry.example.com",
            PREFIX + "Main.secret.value", "token");

    assertThatThrownBy(() -> build(properties, NO_ENVIRONMENT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("invalid registry name \"Main\"");
  }

  private static Map<String, RegistryEndpoint> build(
      Map<String, String> properties, Function<String, String> environment) {
    SmallRyeConfigBuilder builder =
        new SmallRyeConfigBuilder()
            .withConverter(Duration.class, 200, new DurationConverter())
            .withMapping(SignerConfig.class);
    properties.forEach(builder::withDefaultValue);
    SignerConfig config = builder.build().getConfigMapping(SignerConfig.class);
    return RegistryEndpoints.fromConfig(config.registries(), environment);
  }

  private static CredentialCheckResult check(
      RegistryEndpoint endpoint, Map<String, String> headers, byte[] body) {
    return endpoint.credentialCheck().check(headers::get, body);
  }

  private static String hmac(String key, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }
}
