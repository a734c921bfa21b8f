package dev.custos.audit.ingest;

import dev.custos.audit.entry.LogEntry;
import dev.custos.events.CustosEvent;
import dev.custos.events.admission.AdmissionDecided;
import dev.custos.events.admission.AdmittedWorkloadRevoked;
import dev.custos.events.admission.ImageDecision;
import dev.custos.events.image.Digest;
import dev.custos.events.metadata.OccurrenceEvent;
import dev.custos.events.registry.ImagePushed;
import dev.custos.events.signer.ImageSigned;
import dev.custos.events.signer.RefusalReason;
import dev.custos.events.signer.SigningRefused;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Fills an entry's subject, actor, decision and reason from the event record. Every field that an
 * event type does not have stays absent.
 */
final class EventEntries {
  static final String ALLOWED = "allowed";
  static final String DENIED = "denied";
  static final String SIGNED = "signed";
  static final String REFUSED = "refused";
  static final String REVOKED = "revoked";

  private EventEntries() {}

  /** Sets the fields of {@code entry} that {@code event} provides. */
  static LogEntry.Builder describe(CustosEvent event, LogEntry.Builder entry) {
    if (event instanceof ImagePushed pushed) {
      return entry
          .digest(pushed.digest())
          .image(pushed.registry() + "/" + pushed.repository())
          .actor(pushed.actor());
    }
    if (event instanceof OccurrenceEvent occurrence) {
      return entry
          .digest(digestOf(occurrence.resourceUri()))
          .image(occurrence.resourceUri())
          .name(occurrence.occurrenceName());
    }
    if (event instanceof ImageSigned signed) {
      return entry
          .digest(signed.digest())
          .image(signed.repository())
          .actor(signed.authority())
          .decision(SIGNED);
    }
    if (event instanceof SigningRefused refused) {
      return entry
          .digest(refused.digest())
          .image(refused.repository())
          .actor(refused.authority())
          .decision(REFUSED)
          .reason(describe(refused.reasons()));
    }
    if (event instanceof AdmissionDecided decided) {
      return describeDecision(decided, entry);
    }
    if (event instanceof AdmittedWorkloadRevoked revoked) {
      return entry
          .digest(revoked.digest())
          .namespace(revoked.namespace())
          .name(revoked.workloadName())
          .decision(REVOKED);
    }
    return entry;
  }

  /**
   * Describes a decision by its workload. The subject's digest and image are set only when the
   * workload has exactly one image, because the subject has room for one of each.
   */
  private static LogEntry.Builder describeDecision(
      AdmissionDecided decided, LogEntry.Builder entry) {
    List<ImageDecision> images = decided.images();
    if (images.size() == 1) {
      entry.image(images.get(0).image()).digest(images.get(0).digest());
    }
    return entry
        .namespace(decided.namespace())
        .name(decided.workloadName())
        .actor(decided.user())
        .decision(decided.allowed() ? ALLOWED : DENIED)
        .reason(decided.reason());
  }

  private static String describe(List<RefusalReason> reasons) {
    return reasons.stream()
        .map(reason -> reason.code() + ": " + reason.message())
        .collect(Collectors.joining("; "));
  }

  /**
   * Returns the digest after the last {@code @} of a Grafeas resource URI such as {@code
   * https://registry.example/app@sha256:<hex>}, or {@code null} when there is no valid one.
   */
  static String digestOf(String resourceUri) {
    int at = Objects.requireNonNull(resourceUri).lastIndexOf('@');
    if (at < 0) {
      return null;
    }
    try {
      return Digest.parse(resourceUri.substring(at + 1)).toString();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
