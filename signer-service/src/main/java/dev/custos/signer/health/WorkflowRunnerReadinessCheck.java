package dev.custos.signer.health;

import dev.custos.signer.runner.WorkflowComponents;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check named {@value #NAME}: UP while the workflow runner's thread runs, or when the
 * runner is disabled. DOWN when the runner stopped on an unexpected error, because pushes are then
 * no longer processed by this replica.
 */
// NOTE: the metadata service's reachability is not checked here. Its outages show as retries
// (custos_signer_workflow_retries_total) while the runner stays UP and keeps every push.
@Readiness
@ApplicationScoped
public class WorkflowRunnerReadinessCheck implements HealthCheck {
  public static final String NAME = "workflow-runner";

  private final WorkflowComponents components;

  WorkflowRunnerReadinessCheck(WorkflowComponents components) {
    this.components = components;
  }

  @Override
  public HealthCheckResponse call() {
    boolean enabled = components.runnerEnabled();
    boolean running = components.runnerRunning();
    return HealthCheckResponse.named(NAME)
        .status(!enabled || running)
        .withData("enabled", enabled)
        .withData("running", running)
        .withData("workflowRules", components.rules().size())
        .build();
  }
}
