package dev.custos.admission.policy;

import dev.custos.admission.AdmissionConfig;
import dev.custos.admission.LogKeys;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the policy file at start and again whenever its content changes, and fires each valid new
 * policy as a {@link LoadedPolicy} CDI event. An invalid or unreadable file never replaces the
 * policy in force. Before the first valid policy, {@link #problem()} states why there is none.
 */
@ApplicationScoped
public class PolicyLoader {
  private static final Logger log = LoggerFactory.getLogger(PolicyLoader.class);

  private final AdmissionConfig config;
  private final Event<LoadedPolicy> policyChanged;
  private final PolicyParser parser;

  private volatile LoadedPolicy current;

  /** The last problem met reading the file, or null since the last valid policy was installed. */
  private volatile String problem = "the policy file has not been read yet";

  /** Revision of the last content read, valid or not, so that an unchanged file is not reparsed. */
  private String lastReadRevision;

  private ScheduledExecutorService poller;

  PolicyLoader(AdmissionConfig config, Event<LoadedPolicy> policyChanged) {
    this.config = config;
    this.policyChanged = policyChanged;
    this.parser = new PolicyParser(config.namespace());
  }

  void onStart(@Observes StartupEvent event) {
    reload();

    long intervalMs = config.policyReloadInterval().toMillis();
    poller =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "custos-policy-reload");
              thread.setDaemon(true);
              return thread;
            });
    poller.scheduleWithFixedDelay(
        this::reloadQuietly, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
  }

  void onStop(@Observes ShutdownEvent event) {
    if (poller != null) {
      poller.shutdownNow();
    }
  }

  /** Returns the policy in force, or null when no valid policy has been loaded yet. */
  public LoadedPolicy current() {
    return current;
  }

  /** Returns why no policy is in force, or null when one is. */
  public String problem() {
    return current == null ? problem : null;
  }

  /** Records {@code message} as the problem and returns whether it differs from the last one. */
  private boolean changeProblem(String message) {
    boolean changed = !message.equals(problem);
    problem = message;
    return changed;
  }

  /**
   * Reads the policy file and, when its content differs from the last content read, parses it. The
   * file is read whole on each call: a ConfigMap update swaps a symlink, which need not change the
   * modification time that the path reports, so only the content hash is reliable.
   */
  public synchronized void reload() {
    Path file = config.policyFile();
    byte[] yaml;
    try {
      yaml = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      reportMissing(file);
      return;
    } catch (IOException e) {
      reportUnreadable(file, e);
      return;
    }

    String revision = PolicyParser.revision(yaml);
    if (revision.equals(lastReadRevision)) {
      return;
    }
    lastReadRevision = revision;

    try {
      LoadedPolicy loaded = LoadedPolicy.of(parser.parse(yaml));
      install(file, loaded);
    } catch (InvalidPolicyException e) {
      reject(file, revision, e);
    }
  }

  private void reloadQuietly() {
    try {
      reload();
    } catch (RuntimeException e) {
      log.atError()
          .addKeyValue(LogKeys.POLICY_FILE, config.policyFile())
          .setCause(e)
          .log("Policy reload failed; the policy in force stays");
    }
  }

  private void install(Path file, LoadedPolicy loaded) {
    LoadedPolicy previous = current;
    current = loaded;
    problem = null;
    policyChanged.fire(loaded);

    log.atInfo()
        .addKeyValue(LogKeys.POLICY_FILE, file)
        .addKeyValue(LogKeys.POLICY_REVISION, loaded.revision())
        .addKeyValue("previousRevision", previous == null ? null : previous.revision())
        .addKeyValue(LogKeys.COUNT, loaded.attestors().size())
        .log("Policy loaded");
  }

  private void reject(Path file, String revision, InvalidPolicyException e) {
    LoadedPolicy inForce = current;
    problem = "the policy file " + file + " is invalid: " + e.getMessage().replace('\n', ' ');
    for (PolicyViolation violation : e.violations()) {
      log.atWarn()
          .addKeyValue(LogKeys.POLICY_FILE, file)
          .addKeyValue(LogKeys.POLICY_REVISION, revision)
          .addKeyValue("path", violation.path())
          .log("Policy rejected: {}", violation.message());
    }
    log.atWarn()
        .addKeyValue(LogKeys.POLICY_FILE, file)
        .addKeyValue(LogKeys.POLICY_REVISION, revision)
        .addKeyValue("revisionInForce", inForce == null ? null : inForce.revision())
        .addKeyValue(LogKeys.COUNT, e.violations().size())
        .log(
            inForce == null
                ? "Policy rejected; no policy is in force, so every request is denied"
                : "Policy rejected; the previous policy stays in force");
  }

  private void reportMissing(Path file) {
    if (!changeProblem("the policy file " + file + " does not exist")) {
      return;
    }
    LoadedPolicy inForce = current;
    log.atWarn()
        .addKeyValue(LogKeys.POLICY_FILE, file)
        .addKeyValue("revisionInForce", inForce == null ? null : inForce.revision())
        .log(
            inForce == null
                ? "Policy file not found; every request is denied until it exists"
                : "Policy file not found; the previous policy stays in force");
  }

  private void reportUnreadable(Path file, IOException e) {
    if (!changeProblem("the policy file " + file + " cannot be read: " + e.getMessage())) {
      return;
    }
    log.atWarn()
        .addKeyValue(LogKeys.POLICY_FILE, file)
        .setCause(e)
        .log("Policy file cannot be read; the policy in force, if any, stays");
  }
}
