package dev.custos.admission.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custos.admission.LogKeys;
import dev.custos.admission.policy.LoadedPolicy;
import dev.custos.admission.verify.AttestationVerifier;
import dev.custos.admission.verify.Attestor;
import dev.custos.admission.verify.VerificationResult;
import dev.custos.events.image.ImageReference;
import dev.custos.events.image.InvalidImageReferenceException;
import dev.custos.events.metadata.OccurrenceEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
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

  /** How many removed occurrence names {@link #putQueried} remembers. */
  static final int MAX_REMEMBERED_REMOVALS = 10_000;

  private final AttestationVerifier verifier = new AttestationVerifier();

  // Guarded by this.
  private final Map<String, KeptOccurrence> occurrences = new HashMap<>();
  private final Map<String, Set<String>> occurrencesBySubject = new HashMap<>();
  private final Map<String, Set<String>> attestorsByOccurrence = new HashMap<>();

  /**
   * Names of occurrences removed lately, so that a metadata-service answer that raced with their
   * delete event cannot bring them back. Occurrence names are server-generated ids, so a name is
   * not reused for a new occurrence.
   */
  private final Map<String, Boolean> recentlyRemoved =
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > MAX_REMEMBERED_REMOVALS;
        }
      };

  /** Minimum time between two WARN lines about events that disagree with their occurrence. */
  static final long MISMATCH_WARN_INTERVAL_NANOS = 60_000_000_000L;

  private final LongAdder mismatched = new LongAdder();

  // Guarded by this.
  private long nextMismatchWarnNanos = System.nanoTime();
  private long mismatchesSinceWarn;

  private volatile CacheSnapshot snapshot;
  private volatile Consumer<List<LostAttestation>> lossListener = lost -> {};

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

  /**
   * Returns the number of occurrence events whose outer fields disagreed with their occurrence, and
   * which therefore count for no image.
   */
  public long mismatchedCount() {
    return mismatched.sum();
  }

  /** Returns the number of attestation occurrences kept, verified or not. */
  public synchronized int occurrenceCount() {
    return occurrences.size();
  }

  /**
   * Sets the listener that receives every attestor that stops verifying an image. It runs on the
   * writer thread with this cache locked, so it must return quickly and never call this cache.
   */
  public void setLossListener(Consumer<List<LostAttestation>> listener) {
    this.lossListener = listener;
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
    Map<String, Set<String>> before = new HashMap<>(attestorsByOccurrence);
    attestorsByOccurrence.clear();
    for (KeptOccurrence occurrence : occurrences.values()) {
      Set<String> attestors = verify(policy, occurrence, false);
      if (!attestors.isEmpty()) {
        attestorsByOccurrence.put(occurrence.name(), attestors);
      }
    }

    Map<String, Set<String>> verified = new ConcurrentHashMap<>();
    for (String subject : occurrencesBySubject.keySet()) {
      Set<String> attestors = attestorsOf(subject);
      if (!attestors.isEmpty()) {
        verified.put(subject, attestors);
      }
    }
    snapshot = new CacheSnapshot(policy, verified);
    notifyLost(lostSince(before));

    log.atInfo()
        .addKeyValue(LogKeys.POLICY_REVISION, policy.revision())
        .addKeyValue(LogKeys.COUNT, occurrences.size())
        .addKeyValue("verifiedDigests", verified.size())
        .addKeyValue(LogKeys.ELAPSED_MS, (System.nanoTime() - startNanos) / 1_000_000)
        .log("Attestations verified against the new policy");
  }

  /**
   * Keeps a created or updated occurrence, replacing an earlier version, and verifies it. The
   * occurrence counts for the image of its own {@code resourceUri}. When the event's fields
   * disagree with the occurrence it carries, it is kept under the event's name but counts for no
   * image, so it still replaces the earlier version.
   */
  public synchronized void put(OccurrenceEvent event) {
    String name = event.occurrenceName();
    KeptOccurrence previous = occurrences.get(name);
    Set<String> previousAttestors = attestorsByOccurrence.getOrDefault(name, Set.of());
    KeptOccurrence occurrence = keep(event);
    forget(name);

    occurrences.put(name, occurrence);
    if (occurrence.subjectKey() != null) {
      occurrencesBySubject.computeIfAbsent(occurrence.subjectKey(), k -> new HashSet<>()).add(name);
    }

    CacheSnapshot current = snapshot;
    if (current != null) {
      Set<String> attestors = verify(current.policy(), occurrence, true);
      if (!attestors.isEmpty()) {
        attestorsByOccurrence.put(name, attestors);
      }
    }
    refresh(occurrence.subjectKey());
    if (previous != null && previous.subjectKey() != null) {
      refresh(previous.subjectKey());
      notifyLost(lost(previous, previousAttestors));
    }
  }

  /**
   * Keeps an occurrence that a metadata-service query returned, as {@link #put} does, unless an
   * occurrence of that name is kept already (the topic's version wins) or was removed lately.
   *
   * @return whether the occurrence was kept
   */
  public synchronized boolean putQueried(OccurrenceEvent event) {
    String name = event.occurrenceName();
    if (occurrences.containsKey(name) || recentlyRemoved.containsKey(name)) {
      return false;
    }
    put(event);
    return true;
  }

  /** Removes an occurrence, after a delete event or a tombstone; an unknown name does nothing. */
  public synchronized void remove(String name) {
    recentlyRemoved.put(name, Boolean.TRUE);
    Set<String> removedAttestors = attestorsByOccurrence.getOrDefault(name, Set.of());
    KeptOccurrence removed = forget(name);
    if (removed != null) {
      refresh(removed.subjectKey());
      notifyLost(lost(removed, removedAttestors));
    }
  }

  /**
   * Returns, once per image and attestor, the attestors that verified an occurrence in {@code
   * before} and no longer verify its image through any kept occurrence.
   */
  private List<LostAttestation> lostSince(Map<String, Set<String>> before) {
    Map<String, LostAttestation> lost = new LinkedHashMap<>();
    for (Map.Entry<String, Set<String>> entry : before.entrySet()) {
      KeptOccurrence occurrence = occurrences.get(entry.getKey());
      if (occurrence == null) {
        continue;
      }
      for (LostAttestation loss : lost(occurrence, entry.getValue())) {
        lost.putIfAbsent(loss.subjectKey() + "\n" + loss.attestor(), loss);
      }
    }
    return List.copyOf(lost.values());
  }

  /** Returns the attestors of {@code occurrence} that no longer verify its image. */
  private List<LostAttestation> lost(KeptOccurrence occurrence, Set<String> attestors) {
    if (attestors.isEmpty() || occurrence.subjectKey() == null) {
      return List.of();
    }
    Set<String> remaining = attestorsOf(occurrence.subjectKey());
    return attestors.stream()
        .filter(attestor -> !remaining.contains(attestor))
        .map(
            attestor ->
                new LostAttestation(
                    occurrence.subjectKey(),
                    occurrence.digest().toString(),
                    attestor,
                    occurrence.name()))
        .toList();
  }

  private void notifyLost(List<LostAttestation> lost) {
    if (lost.isEmpty()) {
      return;
    }
    try {
      lossListener.accept(lost);
    } catch (RuntimeException e) {
      log.atWarn()
          .addKeyValue(LogKeys.COUNT, lost.size())
          .setCause(e)
          .log("Reporting lost attestations failed; no admission.revoked events for them");
    }
  }

  private KeptOccurrence forget(String name) {
    KeptOccurrence removed = occurrences.remove(name);
    attestorsByOccurrence.remove(name);
    if (removed != null && removed.subjectKey() != null) {
      Set<String> names = occurrencesBySubject.get(removed.subjectKey());
      if (names != null) {
        names.remove(name);
        if (names.isEmpty()) {
          occurrencesBySubject.remove(removed.subjectKey());
        }
      }
    }
    return removed;
  }

  /** Publishes the attestors of {@code subject} from the occurrences kept for it. */
  private void refresh(String subject) {
    CacheSnapshot current = snapshot;
    if (subject == null || current == null) {
      return;
    }
    Set<String> attestors = attestorsOf(subject);
    if (attestors.isEmpty()) {
      current.verified().remove(subject);
    } else {
      current.verified().put(subject, attestors);
    }
  }

  private Set<String> attestorsOf(String subject) {
    Set<String> attestors = new TreeSet<>();
    for (String name : occurrencesBySubject.getOrDefault(subject, Set.of())) {
      attestors.addAll(attestorsByOccurrence.getOrDefault(name, Set.of()));
    }
    return Set.copyOf(attestors);
  }

  /**
   * Returns the names of the attestors on whose note the occurrence hangs and whose keys verify it.
   */
  private Set<String> verify(LoadedPolicy policy, KeptOccurrence occurrence, boolean logFailures) {
    if (occurrence.digest() == null || occurrence.unverifiableReason() != null) {
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
      return verifier.verify(attestor, occurrence.occurrence(), occurrence.subject());
    } catch (RuntimeException e) {
      log.atWarn()
          .addKeyValue(LogKeys.OCCURRENCE, occurrence.name())
          .addKeyValue(LogKeys.ATTESTOR, attestor.name())
          .setCause(e)
          .log("Attestation verification failed; the occurrence counts as not verified");
      return null;
    }
  }

  private KeptOccurrence keep(OccurrenceEvent event) {
    JsonNode occurrence = event.occurrence();
    String noteName = occurrence.path("noteName").textValue();
    String mismatch = EventConsistency.mismatch(event);
    if (mismatch != null) {
      logMismatch(event, mismatch);
      return new KeptOccurrence(event.occurrenceName(), noteName, null, occurrence, mismatch);
    }
    return new KeptOccurrence(event.occurrenceName(), noteName, subjectOf(event), occurrence, null);
  }

  /** Counts a mismatch, and logs at WARN at most once a minute, with the count since then. */
  private void logMismatch(OccurrenceEvent event, String mismatch) {
    mismatched.increment();
    mismatchesSinceWarn++;
    long now = System.nanoTime();
    boolean warn = now - nextMismatchWarnNanos >= 0;
    if (warn) {
      nextMismatchWarnNanos = now + MISMATCH_WARN_INTERVAL_NANOS;
    }
    (warn ? log.atWarn() : log.atDebug())
        .addKeyValue(LogKeys.OCCURRENCE, event.occurrenceName())
        .addKeyValue(LogKeys.COUNT, mismatchesSinceWarn)
        .log("Attestation event counts for no image: {}", mismatch);
    if (warn) {
      mismatchesSinceWarn = 0;
    }
  }

  /**
   * Returns the image by digest, without a tag, of the occurrence JSON's own resource URI, or null
   * when it is invalid.
   */
  private static ImageReference subjectOf(OccurrenceEvent event) {
    // EventConsistency has checked that the occurrence has a string resourceUri.
    String resourceUri = event.occurrence().path("resourceUri").textValue();
    try {
      ImageReference image = ImageReference.parseResourceUri(resourceUri);
      return new ImageReference(image.registry(), image.repository(), null, image.digest());
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
