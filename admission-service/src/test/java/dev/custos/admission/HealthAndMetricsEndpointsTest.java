package dev.custos.admission;

import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custos.admission.health.AdmissionReadinessCheck;
import dev.custos.admission.health.ConfigurationReadinessCheck;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The endpoints of a service started without a policy file and without a reachable broker. */
@QuarkusTest
class HealthAndMetricsEndpointsTest {
  private static final String CONFIGURATION_CHECK =
      "checks.find { it.name == '" + ConfigurationReadinessCheck.NAME + "' }";
  private static final String ADMISSION_CHECK =
      "checks.find { it.name == '" + AdmissionReadinessCheck.NAME + "' }";

  @Test
  void livenessIsUp() {
    given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void readinessDownWithoutPolicyOrBroker() {
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(503)
        .body("status", equalTo("DOWN"))
        .body("checks.name", hasItem(ConfigurationReadinessCheck.NAME))
        .body(CONFIGURATION_CHECK + ".status", equalTo("UP"))
        .body(CONFIGURATION_CHECK + ".data.service", equalTo("custos-admission"))
        .body(CONFIGURATION_CHECK + ".data.decisionDeadlineMs", equalTo(2000))
        .body(CONFIGURATION_CHECK + ".data.metadataUrl", equalTo("none"))
        .body(ADMISSION_CHECK + ".status", equalTo("DOWN"))
        .body(ADMISSION_CHECK + ".data.policyLoaded", equalTo(false))
        .body(ADMISSION_CHECK + ".data.cacheCaughtUp", equalTo(false))
        .body(
            ADMISSION_CHECK + ".data.policyProblem",
            equalTo("the policy file /etc/custos/policy.yaml does not exist"));
  }

  @Test
  void validateDeniesWithoutPolicy() throws IOException {
    byte[] review;
    try (InputStream in =
        getClass().getResourceAsStream("/review/admission-review-v1-pod-create-allowed.json")) {
      review = new ObjectMapper().readTree(in).get("request").toString().getBytes(UTF_8);
    }

    given()
        .contentType("application/json")
        .body(review)
        .when()
        .post("/validate")
        .then()
        .statusCode(200)
        .body("response.uid", equalTo("a0b47581-6024-44d8-be33-5d83d37202ea"))
        .body("response.allowed", equalTo(false))
        .body("response.status.code", equalTo(403))
        .body("response.status.message", containsString("no valid admission policy is loaded"))
        .body("response.status.message", containsString("/etc/custos/policy.yaml does not exist"));
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
