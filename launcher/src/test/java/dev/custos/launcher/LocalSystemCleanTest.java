package dev.custos.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSystemCleanTest {

  @TempDir Path folder;

  @Test
  void cleanDeletesHomeOfLocalRun() throws Exception {
    Home home = new Home(folder.resolve("home"));
    LocalSystem.createHome(home);
    PortSettings.store(home, Ports.defaults());
    Files.createDirectories(home.kafkaData().resolve("log"));

    LocalSystem.clean(home);

    assertThat(home.root()).doesNotExist();
  }

  @Test
  void cleanRejectsFolderOfSomethingElse() throws Exception {
    Home home = new Home(folder.resolve("projects"));
    Files.createDirectories(home.root().resolve("src"));

    assertThatThrownBy(() -> LocalSystem.clean(home))
        .isInstanceOf(LauncherException.class)
        .hasMessageContaining("not a folder of a local run");
    assertThat(home.root().resolve("src")).isDirectory();
  }
}
