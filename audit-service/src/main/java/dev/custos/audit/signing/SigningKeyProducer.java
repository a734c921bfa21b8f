package dev.custos.audit.signing;

import dev.custos.audit.AuditConfig;
import dev.custos.audit.LogKeys;
import dev.custos.audit.checkpoint.NoteSigner;
import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the checkpoint signing key named by {@code custos.audit.signing-key-file}, with the log
 * origin as key name. In dev and test mode without that setting it generates a key, which lives
 * only as long as the process, so its checkpoints cannot be verified after a restart.
 */
@ApplicationScoped
class SigningKeyProducer {
  private static final Logger log = LoggerFactory.getLogger(SigningKeyProducer.class);
  private static final String PROPERTY = "custos.audit.signing-key-file";

  @Produces
  @Singleton
  NoteSigner signingKey(AuditConfig config) {
    NoteSigner signer =
        config.signingKeyFile().isPresent()
            ? load(config.signingKeyFile().get(), config.logOrigin())
            : generate(config.logOrigin(), LaunchMode.current());
    log.atInfo()
        .addKeyValue(LogKeys.VERIFIER_KEY, signer.verifier().verifierKey())
        .log("Checkpoint signing key loaded, and its verifier key verifies the checkpoints");
    return signer;
  }

  /**
   * Reads the key file. Error messages name the file but never show its contents.
   *
   * @throws IllegalStateException if the file cannot be read or contains no Ed25519 key of that
   *     name
   */
  static NoteSigner load(Path file, String origin) {
    byte[] contents;
    try {
      contents = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalStateException(PROPERTY + " names " + file + ", which cannot be read", e);
    }
    try {
      return NoteSigner.fromKeyFile(origin, contents);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          PROPERTY + " names " + file + ", which is not a valid key: " + e.getMessage());
    } finally {
      Arrays.fill(contents, (byte) 0);
    }
  }

  /**
   * Generates a key in dev and test mode.
   *
   * @throws IllegalStateException in any other mode, which stops the startup
   */
  static NoteSigner generate(String origin, LaunchMode mode) {
    if (!mode.isDevOrTest()) {
      throw new IllegalStateException(
          PROPERTY
              + " is not set. The prod profile signs checkpoints only with a key from a file:"
              + " create one with 'openssl genpkey -algorithm ed25519 -out signing-key.pem' and"
              + " set "
              + PROPERTY
              + " (CUSTOS_AUDIT_SIGNING_KEY_FILE) to its path");
    }
    byte[] seed = new byte[32];
    new SecureRandom().nextBytes(seed);
    NoteSigner signer = NoteSigner.fromSeed(origin, seed);
    Arrays.fill(seed, (byte) 0);
    log.atWarn()
        .log(
            "Signing checkpoints with a key generated at start, because "
                + PROPERTY
                + " is not set in dev or test mode; its checkpoints do not verify after a restart");
    return signer;
  }
}
