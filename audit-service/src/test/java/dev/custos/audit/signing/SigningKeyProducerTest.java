package dev.custos.audit.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.audit.checkpoint.NoteSigner;
import io.quarkus.runtime.LaunchMode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyProducerTest {
  private static final String ORIGIN = "custos.test/audit";

  @TempDir Path directory;

  @Test
  void prodWithoutKeyFileFails() {
    assertThatThrownBy(() -> SigningKeyProducer.generate(ORIGIN, LaunchMode.NORMAL))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("custos.audit.signing-key-file is not set");
  }

  @Test
  void testModeGeneratesKey() {
    NoteSigner signer = SigningKeyProducer.generate(ORIGIN, LaunchMode.TEST);

    assertThat(signer.name()).isEqualTo(ORIGIN);
  }

  @Test
  void keyFileLoadedUnderOrigin() throws Exception {
    byte[] seed = new byte[32];
    seed[0] = 7;
    Path file = Files.write(directory.resolve("key"), seed);

    NoteSigner signer = SigningKeyProducer.load(file, ORIGIN);

    assertThat(signer.verifier().verifierKey())
        .isEqualTo(NoteSigner.fromSeed(ORIGIN, seed).verifier().verifierKey());
  }

  @Test
  void invalidKeyFileNamed() throws Exception {
    Path file = Files.writeString(directory.resolve("key.txt"), "not a key");

    assertThatThrownBy(() -> SigningKeyProducer.load(file, ORIGIN))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("custos.audit.signing-key-file names " + file)
        .hasMessageNotContaining("not a key");
  }

  @Test
  void missingKeyFileNamed() {
    Path file = directory.resolve("missing");

    assertThatThrownBy(() -> SigningKeyProducer.load(file, ORIGIN))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot be read");
  }
}
