package dev.custos.admission.cache;

import dev.custos.admission.LogKeys;
import dev.custos.admission.policy.LoadedPolicy;
import dev.custos.admission.verify.AttestationVerifier;
import dev.custos.admission.verify.Attestor;
import dev.custos.admission.verify.VerificationResult;
import dev.custos.events.image.Digest;
import dev.custos.events.image.ImageReference;
import dev.custos.events.image.InvalidImageReferenceException;
import dev.custos.events.metadata.OccurrenceEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verified-digest cache: the attestation occurrences read from {@code metadata.attestations},
 * and for each digest the attestors whose signatures this service verified with the keys of the
 * policy in force. Nothing from the topic is trusted: an occurrence counts only after {@link
 * AttestationVerifier} accepts it for the attestor whose note it hangs off.
 *
 * <p>Writers (the consumer thread and a policy reload) are serialized on this object. Readers use
 * {@link #snapshot()}, a volatile read, and never wait for a writer.
 */
@ApplicationScoped
public class VerifiedDigestCache {
  private static final Logger log = LoggerFactory.getLogger(VerifiedDigestCache.class);

  private final AttestationVerifier verifier = new AttestationVerifier();

  // Guarded by this.
  private final Map<String, KeptOccurrence> occurrences = new HashMap<>();
  private final Map<Digest, Set<String>> occurrencesByDigest = new HashMap<>();
  private final Map<String, Set<String>> attestorsByOccurrence = new HashMap<>();

  private volatile CacheSnapshot snapshot;

  /**
   * Returns the policy in force with the digests verified under it, or null before the first valid
   * policy.
   */
  public CacheSnapshot snapshot() {
    return snapshot;
  }

  /** Returns the number of digests with at least one verified attestor. */
  public int digestCount() {
    CacheSnapshot current = snapshot;
    return current == null ? 0 : current.verified().size();
  }

  /** Returns the number of attestation occurrences kept, verified or not. */
  public synchronized int occurrenceCount() {
    return occurrences.size();
  }

  void onPolicy(@Observes LoadedPolicy policy) {
    install(policy);
  }

  /**
   * Verifies every kept occurrence with the keys of {@code policy}, then publishes the result and
   * the policy together. Until then, requests decide with the previous policy and its
   * verifications.
   */
  public synchronized void install(LoadedPolicy policy) {
    long startNanos = System.nanoTime();
    attestorsByOccurrence.clear();
    for (KeptOccurrence occurrence : occurrences.values()) {
      Set<String> attestors = verify(policy, occurrence, false);
      if (!attestors.isEmpty()) {
        attestorsByOccurrence.put(occurrence.name(), attestors);
      }
    }

    Map<Digest, Set<String>> verified = new ConcurrentHashMap<>();
    for (Digest digest : occurrencesByDigest.keySet()) {
      Set<String> attestors = attestorsOf(digest);
      if (!attestors.isEmpty()) {
        verified.put(digest, attestors);
      }
    }
    snapshot = new CacheSnapshot(policy, verified);

    log.atInfo()
        .addKeyValue(LogKeys.POLICY_REVISION, policy.revision())
        .addKeyValue(LogKeys.COUNT, occurrences.size())
        .addKeyValue("verifiedDigests", verified.size())
        .addKeyValue(LogKeys.ELAPSED_MS, (System.nanoTime() - startNanos) / 1_000_000)
        .log("Attestations verified against the new policy");
  }

  /** Keeps a created or updated occurrence, replacing an earlier version, and verifies it. */
  public synchronized void put(OccurrenceEvent event) {
    String name = event.occurrenceName();
    KeptOccurrence previous = occurrences.get(name);
    KeptOccurrence occurrence =
        new KeptOccurrence(name, event.noteName(), digestOf(event), event.occurrence());
    forget(name);

    occurrences.put(name, occurrence);
    if (occurrence.digest() != null) {
      occurrencesByDigest.computeIfAbsent(occurrence.digest(), d -> new HashSet<>()).add(name);
    }

    CacheSnapshot current = snapshot;
    if (current != null) {
      Set<String> attestors = verify(current.policy(), occurrence, true);
      if (!attestors.isEmpty()) {
        attestorsByOccurrence.put(name, attestors);
      }
    }
    refresh(occurrence.digest());
    if (previous != null && previous.digest() != null) {
      refresh(previous.digest());
    }
  }

  /** Removes an occurrence, after a delete event or a tombstone; an unknown name does nothing. */
  public synchronized void remove(String name) {
    KeptOccurrence removed = forget(name);
    if (removed != null) {
      refresh(removed.digest());
    }
  }

  private KeptOccurrence forget(String name) {
    KeptOccurrence removed = occurrences.remove(name);
    attestorsByOccurrence.remove(name);
    if (removed != null && removed.digest() != null) {
      Set<String> names = occurrencesByDigest.get(removed.digest());
      if (names != null) {
        names.remove(name);
        if (names.isEmpty()) {
          occurrencesByDigest.remove(removed.digest());
        }
      }
    }
    return removed;
  }

  /** Publishes the attestors of {@code digest} from the occurrences kept for it. */
  private void refresh(Digest digest) {
    CacheSnapshot current = snapshot;
    if (digest == null || current == null) {
      return;
    }
    Set<String> attestors = attestorsOf(digest);
    if (attestors.isEmpty()) {
      current.verified().remove(digest);
    } else {
      current.verified().put(digest, attestors);
    }
  }

  private Set<String> attestorsOf(Digest digest) {
    Set<String> attestors = new TreeSet<>();
    for (String name : occurrencesByDigest.getOrDefault(digest, Set.of())) {
      attestors.addAll(attestorsByOccurrence.getOrDefault(name, Set.of()));
    }
    return Set.copyOf(attestors);
  }

  /**
   * Returns the names of the attestors on whose note the occurrence hangs and whose keys verify it.
   */
  private Set<String> verify(LoadedPolicy policy, KeptOccurrence occurrence, boolean logFailures) {
    if (occurrence.digest() == null) {
      return Set.of();
    }
    Set<String> verified = new TreeSet<>();
    for (Attestor attestor : policy.attestors().values()) {
      if (!attestor.noteName().equals(occurrence.noteName())) {
        continue;
      }
      VerificationResult result = verifySafely(attestor, occurrence);
      if (result == null) {
        continue;
      }
      if (result.verified()) {
        verified.add(attestor.name());
      } else if (logFailures) {
        log.atInfo()
            .addKeyValue(LogKeys.OCCURRENCE, occurrence.name())
            .addKeyValue(LogKeys.ATTESTOR, attestor.name())
            .addKeyValue(LogKeys.DIGEST, occurrence.digest())
            .log("Attestation not verified: {}", result.failures());
      }
    }
    return Set.copyOf(verified);
  }

  /** Returns the result, or null when the verifier failed, which counts as not verified. */
  private VerificationResult verifySafely(Attestor attestor, KeptOccurrence occurrence) {
    try {
      return verifier.verify(attestor, occurrence.occurrence(), occurrence.digest());
    } catch (RuntimeException e) {
      log.atWarn()
          .addKeyValue(LogKeys.OCCURRENCE, occurrence.name())
          .addKeyValue(LogKeys.ATTESTOR, attestor.name())
          .setCause(e)
          .log("Attestation verification failed; the occurrence counts as not verified");
      return null;
    }
  }

  private static Digest digestOf(OccurrenceEvent event) {
    try {
      return ImageReference.parseResourceUri(event.resourceUri()).digest();
    } catch (InvalidImageReferenceException e) {
      log.atInfo()
          .addKeyValue(LogKeys.OCCURRENCE, event.occurrenceName())
          .log(
              "Attestation kept but not verifiable: its resource URI is invalid: {}",
              e.getMessage());
      return null;
    }
  }
}
