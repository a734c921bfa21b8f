package dev.custos.admission.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.events.admission.Operation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Parsing of AdmissionReview bodies. The files under {@code /review} were captured from
 * kube-apiserver v1.20.2 calling a webhook. Each contains the request body under {@code request}.
 */
class AdmissionReviewParserTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String DEMO_DIGEST =
      "sha256:e58f00228471dd110757629c4e16e8672e6f742754adfed6d5c01e6fd4886c58";

  private final AdmissionReviewParser parser = new AdmissionReviewParser();

  private static ObjectNode capturedBody(String file) throws IOException {
    try (InputStream in = AdmissionReviewParserTest.class.getResourceAsStream("/review/" + file)) {
      return (ObjectNode) MAPPER.readTree(in).get("request");
    }
  }

  private AdmissionRequest parseCaptured(String file) throws Exception {
    byte[] body = MAPPER.writeValueAsBytes(capturedBody(file));
    return parser.parse(body);
  }

  @Test
  void capturedPodCreate() throws Exception {
    AdmissionRequest request = parseCaptured("admission-review-v1-pod-create-allowed.json");

    assertThat(request.apiVersion()).isEqualTo(AdmissionReviewParser.V1);
    assertThat(request.uid()).isEqualTo("a0b47581-6024-44d8-be33-5d83d37202ea");
    assertThat(request.kind()).isEqualTo(new GroupVersionKind("", "v1", "Pod"));
    assertThat(request.resource()).isEqualTo(new GroupVersionResource("", "v1", "pods"));
    assertThat(request.subResource()).isNull();
    assertThat(request.operation()).isEqualTo(Operation.CREATE);
    assertThat(request.namespace()).isEqualTo("default");
    assertThat(request.name()).isEqualTo("demo-pinned");
    assertThat(request.username()).isEqualTo("admin");
    assertThat(request.dryRun()).isFalse();
    assertThat(request.oldObject()).isNull();
    assertThat(request.annotations())
        .containsOnlyKeys("kubectl.kubernetes.io/last-applied-configuration");
    assertThat(request.images().images())
        .containsExactly(
            new ContainerImage(
                ContainerType.CONTAINER,
                "app",
                "127.0.0.1:5055/team/demo@" + DEMO_DIGEST,
                "spec.containers[0].image"));
  }

  @Test
  void capturedDeploymentCreate() throws Exception {
    AdmissionRequest request = parseCaptured("admission-review-v1-deployment-create-denied.json");

    assertThat(request.kind()).isEqualTo(new GroupVersionKind("apps", "v1", "Deployment"));
    assertThat(request.workloadName()).isEqualTo("web");
    assertThat(request.annotations()).isEmpty();
    assertThat(request.images().images())
        .containsExactly(
            new ContainerImage(
                ContainerType.CONTAINER,
                "demo",
                "127.0.0.1:5055/team/demo:v2",
                "spec.template.spec.containers[0].image"));
  }

  @Test
  void capturedPodUpdate() throws Exception {
    AdmissionRequest request = parseCaptured("admission-review-v1-pod-update-label.json");

    assertThat(request.operation()).isEqualTo(Operation.UPDATE);
    assertThat(request.uid()).isEqualTo("d0b8325a-1b2a-41b3-98d3-dcd761025a3f");
    assertThat(request.oldObject()).isNotNull();
    assertThat(request.oldObject().path("metadata").path("labels").has("tier")).isFalse();
    assertThat(request.object().path("metadata").path("labels").path("tier").asText())
        .isEqualTo("web");
    assertThat(request.images().images())
        .extracting(ContainerImage::image)
        .containsExactly("127.0.0.1:5055/team/demo@" + DEMO_DIGEST);
  }

  @Test
  void v1beta1Accepted() throws Exception {
    ObjectNode body = capturedBody("admission-review-v1-pod-create-allowed.json");
    body.put("apiVersion", AdmissionReviewParser.V1BETA1);

    AdmissionRequest request = parser.parse(body);

    assertThat(request.apiVersion()).isEqualTo(AdmissionReviewParser.V1BETA1);
    assertThat(request.images().images()).hasSize(1);
  }

  @Test
  void dryRunRead() throws Exception {
    ObjectNode body = capturedBody("admission-review-v1-pod-create-allowed.json");
    ((ObjectNode) body.get("request")).put("dryRun", true);

    assertThat(parser.parse(body).dryRun()).isTrue();
  }

  @Test
  void deleteReadsOldObjectName() throws Exception {
    JsonNode body =
        ReviewBuilder.pod()
            .name("gone")
            .container("app", "nginx")
            .operation(Operation.DELETE)
            .toJson();
    ((ObjectNode) body.get("request")).remove("name");

    AdmissionRequest request = parser.parse(body);

    assertThat(request.object()).isNull();
    assertThat(request.name()).isEqualTo("gone");
    assertThat(request.images().images()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not json | {\"kind\": | the body is not valid JSON",
        "json array | [] | the body must be a JSON object",
        "trailing data | {\"kind\":\"AdmissionReview\"} x | the body is not valid JSON",
        "wrong kind | {\"kind\":\"Pod\",\"apiVersion\":\"v1\"} | kind must be AdmissionReview",
        "no kind | {\"apiVersion\":\"admission.k8s.io/v1\"} | kind must be AdmissionReview, got nothing",
        "wrong version | {\"kind\":\"AdmissionReview\",\"apiVersion\":\"admission.k8s.io/v2\"}"
            + " | apiVersion must be admission.k8s.io/v1 or admission.k8s.io/v1beta1",
        "no request | {\"kind\":\"AdmissionReview\",\"apiVersion\":\"admission.k8s.io/v1\"}"
            + " | request is missing",
        "duplicate key | {\"kind\":\"AdmissionReview\",\"kind\":\"AdmissionReview\"}"
            + " | the body is not valid JSON: Duplicate field 'kind'",
      })
  void rejectsInvalidBody(String name, String body, String message) {
    assertThatThrownBy(() -> parser.parse(body.strip().getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidAdmissionReviewException.class)
        .hasMessageStartingWith(message.strip());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no uid | uid | | request.uid is missing",
        "uid number | uid | 7 | request.uid must be a string, got number",
        "no operation | operation | | request.operation is missing",
        "bad operation | operation | \"PATCH\" | request.operation must be CREATE, UPDATE, DELETE"
            + " or CONNECT, got \"PATCH\"",
        "no kind | kind | | request.kind is missing or not a JSON object",
        "kind string | kind | \"Pod\" | request.kind is missing or not a JSON object",
        "user info string | userInfo | \"admin\" | request.userInfo is not a JSON object",
        "dry run string | dryRun | \"yes\" | request.dryRun must be true or false",
        "namespace number | namespace | 1 | request.namespace must be a string, got number",
      })
  void rejectsInvalidRequestField(String name, String field, String value, String message)
      throws Exception {
    ObjectNode body = capturedBody("admission-review-v1-pod-create-allowed.json");
    ObjectNode request = (ObjectNode) body.get("request");
    if (value == null) {
      request.remove(field);
    } else {
      request.set(field, MAPPER.readTree(value));
    }

    assertThatThrownBy(() -> parser.parse(body))
        .isInstanceOf(InvalidAdmissionReviewException.class)
        .hasMessage(message.strip());
  }
}
