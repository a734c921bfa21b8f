package dev.custos.admission.revocation;

import dev.custos.admission.cache.LostAttestation;
import dev.custos.events.admission.AdmittedWorkloadRevoked;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A bounded record of the workloads admitted on attestations, so that the loss of an attestation
 * can be reported for each workload it admitted. A workload is kept under its namespace, kind and
 * name. A new admission of the same workload replaces the old record and makes it the newest. When
 * more than the maximum are kept, the oldest is evicted and counted.
 *
 * <p>NOTE: the record is in memory, per replica, and lost on restart. A workload admitted by
 * another replica, or before a restart, is never reported.
 *
 * <p>Methods are synchronized, because the webhook records from the event loop and the cache writer
 * revokes from its own thread. Each call touches only the records of one workload or image.
 */
public final class AdmissionLedger {

  private record Workload(
      String namespace, String kind, String name, String requestUid, List<AdmittedImage> images) {}

  private final int maxEntries;
  private final Map<String, Workload> workloads = new LinkedHashMap<>();
  private final Map<String, Set<String>> workloadsBySubject = new HashMap<>();
  private long evictions;

  /**
   * Creates an empty ledger.
   *
   * @throws IllegalArgumentException if {@code maxEntries} is below 1
   */
  public AdmissionLedger(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1, but is " + maxEntries);
    }
    this.maxEntries = maxEntries;
  }

  /**
   * Records that a workload was admitted with {@code images}, replacing an earlier record of it. An
   * empty list only removes the earlier record, because nothing attested admitted the workload.
   */
  public synchronized void record(
      String namespace, String kind, String name, String requestUid, List<AdmittedImage> images) {
    String key = namespace + "/" + kind + "/" + name;
    Workload previous = workloads.remove(key);
    if (previous != null) {
      unindex(key, previous);
    }
    if (images.isEmpty()) {
      return;
    }

    Workload workload = new Workload(namespace, kind, name, requestUid, List.copyOf(images));
    workloads.put(key, workload);
    for (AdmittedImage image : workload.images()) {
      workloadsBySubject.computeIfAbsent(image.subjectKey(), k -> new HashSet<>()).add(key);
    }
    evictOverflow();
  }

  /**
   * Returns one event for each recorded workload admitted with the lost attestor on the lost image.
   * The records stay, because the workloads still run that image.
   */
  public synchronized List<AdmittedWorkloadRevoked> revoke(LostAttestation lost) {
    List<AdmittedWorkloadRevoked> events = new ArrayList<>();
    for (String key : workloadsBySubject.getOrDefault(lost.subjectKey(), Set.of())) {
      Workload workload = workloads.get(key);
      for (AdmittedImage image : workload.images()) {
        if (image.subjectKey().equals(lost.subjectKey())
            && image.attestors().contains(lost.attestor())) {
          events.add(
              new AdmittedWorkloadRevoked(
                  workload.namespace(),
                  workload.kind(),
                  workload.name(),
                  lost.digest(),
                  lost.attestor(),
                  lost.occurrenceName(),
                  workload.requestUid()));
          break;
        }
      }
    }
    return events;
  }

  /** Returns the number of workloads recorded. */
  public synchronized int size() {
    return workloads.size();
  }

  /** Returns the number of records evicted because the ledger was full. */
  public synchronized long evictions() {
    return evictions;
  }

  private void evictOverflow() {
    Iterator<Map.Entry<String, Workload>> oldest = workloads.entrySet().iterator();
    while (workloads.size() > maxEntries) {
      Map.Entry<String, Workload> entry = oldest.next();
      oldest.remove();
      unindex(entry.getKey(), entry.getValue());
      evictions++;
    }
  }

  private void unindex(String key, Workload workload) {
    for (AdmittedImage image : workload.images()) {
      Set<String> keys = workloadsBySubject.get(image.subjectKey());
      if (keys != null) {
        keys.remove(key);
        if (keys.isEmpty()) {
          workloadsBySubject.remove(image.subjectKey());
        }
      }
    }
  }
}
