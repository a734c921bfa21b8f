package dev.custos.signer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.custos.embedded.EmbeddedServersResource;
import dev.custos.signer.health.ConfigurationReadinessCheck;
import dev.custos.signer.health.WorkflowRunnerReadinessCheck;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class HealthAndMetricsEndpointsTest {
  private static final String CONFIGURATION_CHECK =
      "checks.find { it.name == '" + ConfigurationReadinessCheck.NAME + "' }";

  @Test
  void livenessIsUp() {
    given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void readinessIsUpWithConfigurationCheck() {
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItem(ConfigurationReadinessCheck.NAME))
        .body("checks.name", hasItem("SmallRye Reactive Messaging - readiness check"))
        .body(CONFIGURATION_CHECK + ".status", equalTo("UP"))
        .body(CONFIGURATION_CHECK + ".data.service", equalTo("custos-signer"))
        .body(CONFIGURATION_CHECK + ".data.maxWebhookBodyBytes", equalTo(1048576));
  }

  @Test
  void readinessReportsRunningWorkflowRunner() {
    String runnerCheck = "checks.find { it.name == '" + WorkflowRunnerReadinessCheck.NAME + "' }";
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body(runnerCheck + ".status", equalTo("UP"))
        .body(runnerCheck + ".data.enabled", equalTo(true))
        .body(runnerCheck + ".data.running", equalTo(true))
        .body(runnerCheck + ".data.workflowRules", equalTo(0));
  }

  @Test
  void metricsExposeJvmMemoryInPrometheusFormat() {
    given()
        .when()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("# TYPE jvm_memory_used_bytes gauge"))
        .body(containsString("jvm_memory_used_bytes{area=\"heap\""));
  }
}
