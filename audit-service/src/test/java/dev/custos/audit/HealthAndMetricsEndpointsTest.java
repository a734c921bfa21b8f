package dev.custos.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.custos.audit.health.ConfigurationReadinessCheck;
import dev.custos.audit.ingest.IngestReadinessCheck;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(AuditDatabaseResource.class)
class HealthAndMetricsEndpointsTest {
  private static final String DATABASE_CHECK = "Database connections health check";
  private static final String CONFIGURATION_CHECK =
      "checks.find { it.name == '" + ConfigurationReadinessCheck.NAME + "' }";

  @Test
  void livenessIsUp() {
    given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void readinessIsUpWithConfigurationAndDatabaseChecks() {
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItem(ConfigurationReadinessCheck.NAME))
        .body("checks.name", hasItem(DATABASE_CHECK))
        .body("checks.name", hasItem(IngestReadinessCheck.NAME))
        .body(CONFIGURATION_CHECK + ".status", equalTo("UP"))
        .body(CONFIGURATION_CHECK + ".data.service", equalTo("custos-audit"))
        .body(CONFIGURATION_CHECK + ".data.logOrigin", equalTo("custos.example/audit"));
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
