package dev.custos.events.admission;

import dev.custos.events.CustosEvent;
import dev.custos.events.Require;
import java.util.List;

/**
 * The admission webhook's response to one AdmissionReview request. Event type {@code
 * dev.custos.admission.decision} on topic {@code admission.decisions}, keyed by {@code
 * namespace/name}.
 *
 * @param requestUid the uid of the AdmissionReview request, which the response echoes
 * @param operation the request's operation
 * @param namespace the namespace of the workload
 * @param workloadKind the kind of the workload, such as {@code Pod} or {@code Deployment}
 * @param workloadName the workload's {@code metadata.name}, or its {@code metadata.generateName}
 *     when the API server has not assigned a name yet
 * @param user the name of the user who sent the request, from {@code userInfo.username}
 * @param images the verdict on every image of the workload: containers, init containers and
 *     ephemeral containers. The list is empty when the request carries no pod spec.
 * @param allowed whether the response admitted the workload
 * @param reason why the workload was admitted or denied
 * @param policyRevision the revision of the policy that decided
 * @param enforcementMode the enforcement mode of the rule that applied
 * @param breakglass whether the workload carried the breakglass annotation, which admits it and
 *     flags the decision
 * @param dryRun whether the request was a Kubernetes dry run, which the API server does not persist
 */
public record AdmissionDecided(
    String requestUid,
    Operation operation,
    String namespace,
    String workloadKind,
    String workloadName,
    String user,
    List<ImageDecision> images,
    boolean allowed,
    String reason,
    String policyRevision,
    EnforcementMode enforcementMode,
    boolean breakglass,
    boolean dryRun)
    implements CustosEvent {

  public AdmissionDecided {
    Require.text(requestUid, "requestUid");
    Require.present(operation, "operation");
    Require.text(namespace, "namespace");
    Require.text(workloadKind, "workloadKind");
    Require.text(workloadName, "workloadName");
    Require.text(user, "user");
    images = Require.list(images, "images");
    Require.text(reason, "reason");
    Require.text(policyRevision, "policyRevision");
    Require.present(enforcementMode, "enforcementMode");
  }

  /** Returns {@code namespace/workloadName}, which orders the decisions about one workload. */
  @Override
  public String key() {
    return namespace + "/" + workloadName;
  }
}
