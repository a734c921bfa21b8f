package dev.custos.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsTest {

  private static final Path HOME = Path.of("/repository/.custos");

  @Test
  void noArgumentsShowsHelp() {
    Options options = Options.parse(new String[0], HOME);

    assertThat(options.command()).isEqualTo("help");
    assertThat(options.home()).isEqualTo(HOME);
    assertThat(options.clean()).isFalse();
    assertThat(options.ports()).isEmpty();
  }

  @Test
  void readsCommandCleanHomeAndPorts() {
    Options options =
        Options.parse(
            new String[] {
              "run", "--clean", "--home=/tmp/c", "--postgres-port=15432", "--admission-port=9443"
            },
            HOME);

    assertThat(options.command()).isEqualTo("run");
    assertThat(options.clean()).isTrue();
    assertThat(options.home()).isEqualTo(Path.of("/tmp/c"));
    assertThat(options.ports()).isEqualTo(Map.of("postgres-port", 15432, "admission-port", 9443));
  }

  @Test
  void unknownCommandIsRejected() {
    assertThatThrownBy(() -> Options.parse(new String[] {"launch"}, HOME))
        .isInstanceOf(LauncherException.class)
        .hasMessageContaining("unknown command 'launch'")
        .hasMessageContaining("run, start, stop, status, demo, help");
  }

  @Test
  void secondCommandIsRejected() {
    assertThatThrownBy(() -> Options.parse(new String[] {"run", "demo"}, HOME))
        .isInstanceOf(LauncherException.class)
        .hasMessageContaining("unexpected argument 'demo'");
  }

  @Test
  void unknownOptionIsRejected() {
    assertThatThrownBy(() -> Options.parse(new String[] {"run", "--kafka=1"}, HOME))
        .isInstanceOf(LauncherException.class)
        .hasMessageContaining("'--kafka=1'");
  }

  @Test
  void portWithoutValueIsRejected() {
    assertThatThrownBy(() -> Options.parse(new String[] {"run", "--audit-port"}, HOME))
        .isInstanceOf(LauncherException.class)
        .hasMessageContaining("'--audit-port'");
  }

  @Test
  void invalidPortsAreRejected() {
    for (String value : new String[] {"0", "65536", "-1", "http", ""}) {
      assertThatThrownBy(() -> Options.parse(new String[] {"run", "--signer-port=" + value}, HOME))
          .as("--signer-port=%s", value)
          .isInstanceOf(LauncherException.class)
          .hasMessageContaining("invalid --signer-port=" + value)
          .hasMessageContaining("from 1 to 65535");
    }
  }
}
