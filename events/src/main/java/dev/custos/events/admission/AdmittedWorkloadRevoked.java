package dev.custos.events.admission;

import dev.custos.events.CustosEvent;
import dev.custos.events.Require;

/**
 * A workload that was admitted on an attestation that has since been deleted. Event type {@code
 * dev.custos.admission.workload.revoked} on topic {@code admission.revoked}, keyed by {@code
 * namespace/name}.
 *
 * @param namespace the namespace of the workload
 * @param workloadKind the kind of the workload, such as {@code Pod} or {@code Deployment}
 * @param workloadName the name of the workload
 * @param digest the image digest whose attestation was deleted
 * @param attestor the name of the policy attestor whose attestation admitted the digest
 * @param attestationOccurrenceName the name of the deleted attestation occurrence, {@code
 *     projects/<project>/occurrences/<id>}
 * @param admissionRequestUid the uid of the AdmissionReview request that admitted the workload
 */
public record AdmittedWorkloadRevoked(
    String namespace,
    String workloadKind,
    String workloadName,
    String digest,
    String attestor,
    String attestationOccurrenceName,
    String admissionRequestUid)
    implements CustosEvent {

  public AdmittedWorkloadRevoked {
    Require.text(namespace, "namespace");
    Require.text(workloadKind, "workloadKind");
    Require.text(workloadName, "workloadName");
    Require.digest(digest, "digest");
    Require.text(attestor, "attestor");
    Require.resourceName(attestationOccurrenceName, "occurrences", "attestationOccurrenceName");
    Require.text(admissionRequestUid, "admissionRequestUid");
  }

  /** Returns {@code namespace/workloadName}, which orders the events about one workload. */
  @Override
  public String key() {
    return namespace + "/" + workloadName;
  }
}
