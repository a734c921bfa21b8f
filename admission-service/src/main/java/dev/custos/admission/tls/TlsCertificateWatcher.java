package dev.custos.admission.tls;

import dev.custos.admission.AdmissionConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.tls.CertificateUpdatedEvent;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the HTTPS certificate and key when their content changes on disk. Every {@code
 * custos.admission.tls-reload-interval} it hashes the two PEM files of the default TLS
 * configuration, and when the hash differs from the last one loaded, it reloads the configuration
 * and fires {@link CertificateUpdatedEvent}, on which the Quarkus HTTP server presents the new
 * certificate to new connections.
 *
 * <p>The TLS registry's own {@code quarkus.tls.reload-period} reloads and swaps the server's
 * certificate at every period whether or not the files changed (Quarkus 3.33.2), and a handshake
 * that arrives during a swap can fail. Swapping only on a change keeps that to one short window per
 * renewal.
 */
@ApplicationScoped
public class TlsCertificateWatcher {
  private static final Logger log = LoggerFactory.getLogger(TlsCertificateWatcher.class);

  private final TlsConfigurationRegistry registry;
  private final Event<CertificateUpdatedEvent> updated;
  private final Vertx vertx;
  private final AdmissionConfig config;
  private final Optional<Path> certificate;
  private final Optional<Path> key;

  private final AtomicBoolean checking = new AtomicBoolean();
  private volatile byte[] loadedHash;
  private long timer = -1;

  TlsCertificateWatcher(
      TlsConfigurationRegistry registry,
      Event<CertificateUpdatedEvent> updated,
      Vertx vertx,
      AdmissionConfig config,
      @ConfigProperty(name = "quarkus.tls.key-store.pem.tls.cert") Optional<Path> certificate,
      @ConfigProperty(name = "quarkus.tls.key-store.pem.tls.key") Optional<Path> key) {
    this.registry = registry;
    this.updated = updated;
    this.vertx = vertx;
    this.config = config;
    this.certificate = certificate;
    this.key = key;
  }

  void onStart(@Observes StartupEvent event) {
    if (certificate.isEmpty() || key.isEmpty() || registry.getDefault().isEmpty()) {
      log.atInfo().log("No TLS certificate configured; HTTPS certificate reload is off");
      return;
    }
    loadedHash = hashOrNull();
    timer =
        vertx.setPeriodic(
            config.tlsReloadInterval().toMillis(),
            id -> {
              // A reload can outlast the interval, and two at once would both swap.
              if (checking.compareAndSet(false, true)) {
                vertx
                    .executeBlocking(this::reloadIfChanged, false)
                    .onComplete(done -> checking.set(false));
              }
            });
    log.atInfo()
        .addKeyValue("certificate", certificate.get())
        .addKeyValue("intervalMs", config.tlsReloadInterval().toMillis())
        .log("Watching the TLS certificate and key for changes");
  }

  void onStop(@Observes ShutdownEvent event) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** Reloads the default TLS configuration when the files changed; returns whether it did. */
  boolean reloadIfChanged() {
    byte[] hash = hashOrNull();
    if (hash == null || Arrays.equals(hash, loadedHash)) {
      return false;
    }
    TlsConfiguration configuration = registry.getDefault().orElseThrow();
    boolean reloaded;
    try {
      reloaded = configuration.reload();
    } catch (RuntimeException e) {
      // A certificate and key written one after the other can mismatch for a moment. The server
      // keeps the certificate it has, and the next interval tries again.
      log.atWarn()
          .addKeyValue("certificate", certificate.get())
          .setCause(e)
          .log("Reloading the TLS certificate failed; the current one stays in use");
      return false;
    }
    if (!reloaded) {
      return false;
    }
    loadedHash = hash;
    updated.fire(new CertificateUpdatedEvent(configuration.getName(), configuration));
    log.atInfo()
        .addKeyValue("certificate", certificate.get())
        .log("TLS certificate changed on disk and reloaded");
    return true;
  }

  /** Returns the SHA-256 of the certificate and key files, or null when one cannot be read. */
  private byte[] hashOrNull() {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(Files.readAllBytes(certificate.get()));
      sha256.update((byte) 0);
      sha256.update(Files.readAllBytes(key.get()));
      return sha256.digest();
    } catch (IOException e) {
      log.atWarn()
          .addKeyValue("certificate", certificate.get())
          .log("TLS certificate or key unreadable; checking again later: {}", e.toString());
      return null;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }
}
