package dev.custos.events.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegistryHostsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "docker.io, docker.io",
    "index.docker.io, docker.io",
    "registry-1.docker.io, docker.io",
    "REGISTRY-1.Docker.IO, docker.io",
    "index.docker.io:443, index.docker.io:443",
    "Quay.IO, quay.io",
    "localhost:5000, localhost:5000",
    "127.0.0.1, 127.0.0.1",
    "[::1], [::1]",
    "[::], [::]",
    "[0:0:0:0:0:0:0:0], [::]",
    "[::0001], [::1]",
    "[2001:DB8::AB], [2001:db8::ab]",
    "[2001:db8:0:0:1:0:0:1], [2001:db8::1:0:0:1]",
    "[2001:db8:0:1:0:0:0:1], [2001:db8:0:1::1]",
    "[1:0:2:0:3:0:4:0], [1:0:2:0:3:0:4:0]",
    "[2001:db8:0:0:0:0:2:1], [2001:db8::2:1]",
    "[2001:0:0:1:0:0:0:1], [2001:0:0:1::1]",
    "[2001:db8:0:1:1:1:1:1], [2001:db8:0:1:1:1:1:1]",
    "[1:2:3:4:5:6:7::], [1:2:3:4:5:6:7:0]",
    "[1::]:5000, [1::]:5000",
  })
  void canonicalizesHost(String host, String expected) {
    assertThat(RegistryHosts.canonicalize(host)).isEqualTo(expected);
  }

  @Test
  void hostRuleNeedsDotColonOrLocalhost() {
    assertThat(RegistryHosts.isHost("example.com")).isTrue();
    assertThat(RegistryHosts.isHost("registry:5000")).isTrue();
    assertThat(RegistryHosts.isHost("localhost")).isTrue();
    assertThat(RegistryHosts.isHost("LocalHost")).isTrue();
    assertThat(RegistryHosts.isHost("library")).isFalse();
    assertThat(RegistryHosts.isHost("registry")).isFalse();
  }

  @Test
  void lowercasesOnlyAsciiLetters() {
    assertThat(RegistryHosts.toAsciiLowerCase("AbC-\u212A-\u0130")).isEqualTo("abc-\u212A-\u0130");
  }
}
