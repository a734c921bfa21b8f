package dev.custos.admission.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.events.image.ImageReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AllowPatternTest {
  private static final String DIGEST =
      "sha256:e58f00228471dd110757629c4e16e8672e6f742754adfed6d5c01e6fd4886c58";

  @ParameterizedTest(name = "{0} on {1}: {2}")
  @CsvSource({
    "nginx, nginx, true",
    "nginx, nginx:1.27, true",
    "nginx, docker.io/library/nginx@" + DIGEST + ", true",
    "docker.io/nginx, index.docker.io/library/nginx:1, true",
    "docker.io/library/nginx, nginx:latest, true",
    "nginx, nginx-unprivileged, false",
    "nginx, acme/nginx, false",
    "nginx*, nginx-unprivileged:1, true",
    "*, redis:7, true",
    "*, acme/redis:7, false",
    "acme/*, acme/redis:7, true",
    "docker.io/**, acme/team/redis:7, true",
    "ghcr.io/acme/*, ghcr.io/acme/app:1, true",
    "ghcr.io/acme/*, ghcr.io/acme/team/app:1, false",
    "ghcr.io/acme/**, ghcr.io/acme/team/app:1, true",
    "ghcr.io/acme/**, ghcr.io/acme, false",
    "ghcr.io/**/app, ghcr.io/a/b/app:1, true",
    "GHCR.io/acme/*, ghcr.io/acme/app, true",
    "ghcr.io/acme/*, GHCR.IO/acme/app, true",
    "*.gcr.io/acme/*, eu.gcr.io/acme/app, true",
    "*.gcr.io/acme/*, gcr.io/acme/app, false",
    "localhost:5000/*, localhost:5000/app:1, true",
    "localhost:5000/*, localhost:5001/app:1, false",
    "127.0.0.1:5055/team/*, 127.0.0.1:5055/team/demo:v2, true",
    "busybox:1.36, busybox:1.36, true",
    "busybox:1.36, busybox:1.36@" + DIGEST + ", false",
    "busybox:1.36@" + DIGEST + ", busybox:1.36@" + DIGEST + ", true",
    "busybox:*, busybox:latest@" + DIGEST + ", false",
    "busybox:1.36, busybox:latest, false",
    "busybox:1.36, busybox, false",
    "busybox:1.*, busybox:1.36, true",
    "busybox@" + DIGEST + ", busybox:1.36@" + DIGEST + ", true",
    "busybox@" + DIGEST + ", busybox:1.36, false",
  })
  void matchesCanonicalReference(String pattern, String image, boolean expected) {
    AllowPattern compiled = AllowPattern.compile(pattern);

    assertThat(compiled.matches(ImageReference.parse(image))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "nginx, docker.io/library/nginx",
    "docker.io/nginx:1.*, docker.io/library/nginx:1.*",
    "Index.Docker.IO/acme/*, docker.io/acme/*",
    "Quay.IO/acme/*, quay.io/acme/*",
    "docker.io/**, docker.io/**",
  })
  void canonicalisesPattern(String pattern, String canonical) {
    assertThat(AllowPattern.compile(pattern).canonical()).isEqualTo(canonical);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''| the pattern is empty",
        "https://ghcr.io/acme/* | has a URI scheme",
        "ghcr.io/acme app | contains a character",
        "ghcr.io/***/app | contains \"***\"",
        "**/nginx | starts with **",
        "ghcr.io//app | has an empty path segment",
        "ghcr.io/Acme/* | has uppercase letters",
        "ghcr.io/acme/app@sha256:abc | the digest of the pattern is invalid",
        "ghcr.io/acme/app:v1/x | path component \"app:v1\" is invalid",
        "ghcr.io/acme/app: | tag pattern \"\" is invalid",
        "ghcr.io:99999/app | port",
      })
  void rejectsInvalidPattern(String pattern, String messagePart) {
    assertThatThrownBy(() -> AllowPattern.compile(pattern))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(messagePart.strip());
  }

  @Test
  void keepsWrittenForm() {
    assertThat(AllowPattern.compile("Quay.IO/acme/*")).hasToString("Quay.IO/acme/*");
  }
}
