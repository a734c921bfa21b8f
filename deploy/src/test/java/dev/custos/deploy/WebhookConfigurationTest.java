package dev.custos.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.admission.policy.EvaluationMode;
import dev.custos.admission.policy.Policy;
import dev.custos.admission.policy.PolicyParser;
import dev.custos.admission.review.AdmissionRequest;
import dev.custos.admission.review.AdmissionReviewParser;
import dev.custos.deploy.Manifests.Resource;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WebhookConfigurationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> OPERATIONS = List.of("CREATE", "UPDATE", "DELETE", "CONNECT");

  /** Kinds the API server may send: the pod workloads and some that carry no pod to run. */
  private static final List<Candidate> CANDIDATES =
      List.of(
          new Candidate("", "v1", "Pod", "pods", ""),
          new Candidate("", "v1", "Pod", "pods", "ephemeralcontainers"),
          new Candidate("", "v1", "Pod", "pods", "status"),
          new Candidate("", "v1", "ReplicationController", "replicationcontrollers", ""),
          new Candidate("apps", "v1", "Deployment", "deployments", ""),
          new Candidate("apps", "v1", "Deployment", "deployments", "scale"),
          new Candidate("apps", "v1", "ReplicaSet", "replicasets", ""),
          new Candidate("apps", "v1", "StatefulSet", "statefulsets", ""),
          new Candidate("apps", "v1", "DaemonSet", "daemonsets", ""),
          new Candidate("batch", "v1", "Job", "jobs", ""),
          new Candidate("batch", "v1", "CronJob", "cronjobs", ""),
          new Candidate("", "v1", "PodTemplate", "podtemplates", ""),
          new Candidate("", "v1", "ConfigMap", "configmaps", ""),
          new Candidate("apps", "v1", "ControllerRevision", "controllerrevisions", ""));

  private static Manifests manifests;
  private static Map<String, Object> webhook;

  @BeforeAll
  static void load() throws IOException {
    manifests = Manifests.load();
    List<Resource> configurations = manifests.ofKind("ValidatingWebhookConfiguration");
    assertThat(configurations).hasSize(1);
    assertThat(configurations.get(0).apiVersion()).isEqualTo("admissionregistration.k8s.io/v1");
    List<Map<String, Object>> webhooks = Yamls.maps(configurations.get(0).document(), "webhooks");
    assertThat(webhooks).hasSize(1);
    webhook = webhooks.get(0);
  }

  @Test
  void webhookFailsClosedWithoutSideEffects() {
    assertThat(webhook.get("failurePolicy")).isEqualTo("Fail");
    assertThat(webhook.get("sideEffects")).isEqualTo("None");
    assertThat(webhook.get("admissionReviewVersions")).isEqualTo(List.of("v1"));
  }

  @Test
  void timeoutIsAboveServiceDeadline() throws IOException {
    Properties admission = manifests.serviceProperties("custos-admission-config");
    Duration deadline = parseDuration(admission.getProperty("custos.admission.decision-deadline"));
    int timeoutSeconds = (Integer) webhook.get("timeoutSeconds");

    assertThat(timeoutSeconds).isBetween(1, 30);
    assertThat(Duration.ofSeconds(timeoutSeconds)).isGreaterThan(deadline);
  }

  @Test
  void clientConfigNamesTheAdmissionService() {
    Map<String, Object> service = Yamls.map(Yamls.map(webhook, "clientConfig"), "service");
    Resource target = manifests.get("Service", (String) service.get("name"));

    assertThat(target.namespace()).isEqualTo(service.get("namespace"));
    assertThat(service.get("path")).isEqualTo("/validate");
    assertThat(Yamls.maps(target.spec(), "ports"))
        .anySatisfy(port -> assertThat(port.get("port")).isEqualTo(service.get("port")));
    assertThat(target.name()).isEqualTo("custos-admission");
  }

  @Test
  void caIsInjectedFromServingCertificate() {
    Resource configuration = manifests.ofKind("ValidatingWebhookConfiguration").get(0);
    String injectFrom =
        (String)
            Yamls.map(configuration.metadata(), "annotations")
                .get("cert-manager.io/inject-ca-from");

    assertThat(injectFrom).isEqualTo("custos/custos-admission-serving");
    assertThat(manifests.find("Certificate", "custos-admission-serving")).isPresent();
  }

  @Test
  void systemAndOwnNamespacesAreExcluded() {
    List<Map<String, Object>> expressions =
        Yamls.maps(Yamls.map(webhook, "namespaceSelector"), "matchExpressions");

    assertThat(expressions)
        .anySatisfy(
            expression -> {
              assertThat(expression.get("key")).isEqualTo("kubernetes.io/metadata.name");
              assertThat(expression.get("operator")).isEqualTo("NotIn");
              assertThat(Yamls.list(expression, "values")).contains("kube-system", "custos");
            });
  }

  /**
   * Sends the admission service's own parser a review of every candidate kind and operation. The
   * webhook's rules must send exactly the requests whose images the service checks. A kind that the
   * rules leave out would run unchecked, and one that the service ignores would cost a call.
   */
  @Test
  void rulesMatchWhatTheServiceChecks() throws Exception {
    AdmissionReviewParser parser = new AdmissionReviewParser();
    int handled = 0;
    for (Candidate candidate : CANDIDATES) {
      for (String operation : OPERATIONS) {
        AdmissionRequest request = parser.parse(review(candidate, operation));
        boolean checksImages = !request.images().images().isEmpty();
        if (checksImages) {
          handled++;
        }
        assertThat(covered(candidate, operation))
            .as(
                "webhook rules cover %s %s (the service %s its images)",
                operation, candidate, checksImages ? "checks" : "ignores")
            .isEqualTo(checksImages);
      }
    }
    assertThat(handled).as("requests whose images the service checks").isEqualTo(18);
  }

  @Test
  void examplePolicyIsValid() throws Exception {
    byte[] policy = Files.readAllBytes(manifests.directory().resolve("policy.yaml"));
    String namespace =
        manifests
            .serviceProperties("custos-admission-config")
            .getProperty("custos.admission.namespace");

    Policy parsed = new PolicyParser(namespace).parse(policy);

    assertThat(parsed.attestors()).containsOnlyKeys("built-by-ci");
    assertThat(parsed.defaultRule().evaluationMode()).isEqualTo(EvaluationMode.REQUIRE_ATTESTATION);
    assertThat(parsed.defaultRule().requiredAttestors()).containsExactly("built-by-ci");
    assertThat(parsed.isExempt("kube-system")).isTrue();
    assertThat(parsed.isExempt("custos")).isTrue();
  }

  private boolean covered(Candidate candidate, String operation) {
    String resource =
        candidate.subResource().isEmpty()
            ? candidate.resource()
            : candidate.resource() + "/" + candidate.subResource();
    for (Map<String, Object> rule : Yamls.maps(webhook, "rules")) {
      if (Yamls.list(rule, "apiGroups").contains(candidate.group())
          && Yamls.list(rule, "apiVersions").contains(candidate.version())
          && Yamls.list(rule, "operations").contains(operation)
          && Yamls.list(rule, "resources").contains(resource)) {
        return true;
      }
    }
    return false;
  }

  private static byte[] review(Candidate candidate, String operation) throws IOException {
    ObjectNode review = JSON.createObjectNode();
    review.put("apiVersion", AdmissionReviewParser.V1);
    review.put("kind", "AdmissionReview");
    ObjectNode request = review.putObject("request");
    request.put("uid", "00000000-0000-0000-0000-000000000001");
    request
        .putObject("kind")
        .put("group", candidate.group())
        .put("version", candidate.version())
        .put("kind", candidate.kind());
    request
        .putObject("resource")
        .put("group", candidate.group())
        .put("version", candidate.version())
        .put("resource", candidate.resource());
    if (!candidate.subResource().isEmpty()) {
      request.put("subResource", candidate.subResource());
    }
    request.put("operation", operation);
    request.put("namespace", "payments");
    request.put("name", "app");
    request.putObject("userInfo").put("username", "system:serviceaccount:ci:deployer");

    ObjectNode object = workload(candidate, true);
    ObjectNode oldObject = workload(candidate, false);
    if (operation.equals("DELETE")) {
      request.set("oldObject", oldObject);
    } else {
      request.set("object", object);
      if (operation.equals("UPDATE")) {
        request.set("oldObject", oldObject);
      }
    }
    return JSON.writeValueAsBytes(review);
  }

  /**
   * Builds an object of any kind with a pod spec at every place a kind keeps one. With {@code
   * withDebugContainer}, the spec also has an ephemeral container that the old object lacks.
   */
  private static ObjectNode workload(Candidate candidate, boolean withDebugContainer) {
    ObjectNode object = JSON.createObjectNode();
    object.put("apiVersion", candidate.group().isEmpty() ? "v1" : candidate.group() + "/v1");
    object.put("kind", candidate.kind());
    object.putObject("metadata").put("name", "app").put("namespace", "payments");
    ObjectNode spec = object.putObject("spec");
    fillPodSpec(spec, withDebugContainer);
    fillPodSpec(spec.putObject("template").putObject("spec"), withDebugContainer);
    fillPodSpec(
        spec.putObject("jobTemplate").putObject("spec").putObject("template").putObject("spec"),
        withDebugContainer);
    return object;
  }

  private static void fillPodSpec(ObjectNode spec, boolean withDebugContainer) {
    spec.putArray("containers")
        .addObject()
        .put("name", "app")
        .put("image", "registry.example.com/payments/app@sha256:" + "a".repeat(64));
    ArrayNode ephemeral = spec.putArray("ephemeralContainers");
    if (withDebugContainer) {
      ephemeral.addObject().put("name", "debug").put("image", "busybox:1.36");
    }
  }

  private static Duration parseDuration(String value) {
    if (value.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
    }
    if (value.endsWith("s")) {
      return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
    }
    return Duration.parse(value);
  }

  private record Candidate(
      String group, String version, String kind, String resource, String subResource) {
    @Override
    public String toString() {
      String path = subResource.isEmpty() ? resource : resource + "/" + subResource;
      return (group.isEmpty() ? "core" : group) + "/" + version + " " + path;
    }
  }
}
