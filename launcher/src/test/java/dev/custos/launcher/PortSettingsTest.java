package dev.custos.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortSettingsTest {

  @TempDir Path folder;

  @Test
  void storedPortsAreReused() {
    Home home = new Home(folder);
    PortSettings.store(home, PortSettings.resolve(home, Map.of("postgres-port", 15432)));

    Ports ports = PortSettings.resolve(home, Map.of());

    assertThat(ports.postgres()).isEqualTo(15432);
    assertThat(ports.kafka()).isEqualTo(9092);
  }

  @Test
  void kafkaPortsOfKeptDataCannotChange() throws Exception {
    Home home = new Home(folder.resolve("home"));
    LocalSystem.createHome(home);
    PortSettings.store(home, Ports.defaults());
    Files.createDirectories(home.kafkaData().resolve("log"));
    Files.writeString(home.kafkaData().resolve("log/meta.properties"), "node.id=1\n");

    assertThatThrownBy(() -> PortSettings.resolve(home, Map.of("kafka-port", 19092)))
        .isInstanceOf(LauncherException.class)
        .hasMessageContaining("--kafka-port=9092")
        .hasMessageContaining("--clean");
    assertThat(PortSettings.resolve(home, Map.of("audit-port", 18084)).audit()).isEqualTo(18084);
  }
}
