package dev.custos.admission.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.events.admission.Operation;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WorkloadImageExtractorTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static Stream<Arguments> workloadKinds() {
    return Stream.of(
        Arguments.of(ReviewBuilder.pod(), "spec"),
        Arguments.of(ReviewBuilder.deployment(), "spec.template.spec"),
        Arguments.of(ReviewBuilder.replicaSet(), "spec.template.spec"),
        Arguments.of(ReviewBuilder.statefulSet(), "spec.template.spec"),
        Arguments.of(ReviewBuilder.daemonSet(), "spec.template.spec"),
        Arguments.of(ReviewBuilder.job(), "spec.template.spec"),
        Arguments.of(ReviewBuilder.cronJob(), "spec.jobTemplate.spec.template.spec"),
        Arguments.of(ReviewBuilder.replicationController(), "spec.template.spec"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("workloadKinds")
  void findsEveryContainerType(ReviewBuilder review, String specPath) {
    AdmissionRequest request =
        review
            .container("app", "ghcr.io/acme/app:1")
            .container("side", "ghcr.io/acme/side:1")
            .initContainer("init", "ghcr.io/acme/init:1")
            .ephemeralContainer("debug", "busybox:1.36")
            .parse();

    assertThat(request.images().decoded()).isTrue();
    assertThat(request.images().images())
        .containsExactly(
            new ContainerImage(
                ContainerType.CONTAINER,
                "app",
                "ghcr.io/acme/app:1",
                specPath + ".containers[0].image"),
            new ContainerImage(
                ContainerType.CONTAINER,
                "side",
                "ghcr.io/acme/side:1",
                specPath + ".containers[1].image"),
            new ContainerImage(
                ContainerType.INIT_CONTAINER,
                "init",
                "ghcr.io/acme/init:1",
                specPath + ".initContainers[0].image"),
            new ContainerImage(
                ContainerType.EPHEMERAL_CONTAINER,
                "debug",
                "busybox:1.36",
                specPath + ".ephemeralContainers[0].image"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("workloadKinds")
  void updateChecksEveryImage(ReviewBuilder review, String specPath) {
    AdmissionRequest request =
        review
            .operation(Operation.UPDATE)
            .oldContainer("containers", "app", "ghcr.io/acme/app:1")
            .container("app", "ghcr.io/acme/app:1")
            .parse();

    assertThat(request.images().images())
        .extracting(ContainerImage::path)
        .containsExactly(specPath + ".containers[0].image");
  }

  @Test
  void ephemeralDiffKeepsNewOnly() {
    AdmissionRequest request =
        ReviewBuilder.pod()
            .operation(Operation.UPDATE)
            .subResource("ephemeralcontainers")
            .container("app", "ghcr.io/acme/app:1")
            .oldContainer("containers", "app", "ghcr.io/acme/app:1")
            .oldContainer("ephemeralContainers", "debug", "busybox:1.36")
            .ephemeralContainer("debug", "busybox:1.36")
            .ephemeralContainer("debug2", "alpine:3.20")
            .parse();

    assertThat(request.images().images())
        .containsExactly(
            new ContainerImage(
                ContainerType.EPHEMERAL_CONTAINER,
                "debug2",
                "alpine:3.20",
                "spec.ephemeralContainers[1].image"));
  }

  @Test
  void ephemeralDiffWithoutOldObject() {
    AdmissionRequest request =
        ReviewBuilder.pod()
            .operation(Operation.UPDATE)
            .subResource("ephemeralcontainers")
            .container("app", "ghcr.io/acme/app:1")
            .ephemeralContainer("debug", "busybox:1.36")
            .parse();

    assertThat(request.images().images())
        .extracting(ContainerImage::containerName)
        .containsExactly("debug");
  }

  @Test
  void ephemeralContainersKindObject() throws Exception {
    String object =
        """
        {"kind": "EphemeralContainers", "apiVersion": "v1",
         "metadata": {"name": "web", "namespace": "default"},
         "ephemeralContainers": [
           {"name": "debug", "image": "busybox:1.36"},
           {"name": "debug2", "image": "alpine:3.20"}]}
        """;
    String oldObject =
        object.replace(",\n   {\"name\": \"debug2\", \"image\": \"alpine:3.20\"}", "");
    ObjectNode body =
        ReviewBuilder.of("", "v1", "EphemeralContainers", "pods")
            .operation(Operation.UPDATE)
            .subResource("ephemeralcontainers")
            .object(MAPPER.readTree(object))
            .toJson();
    ((ObjectNode) body.get("request")).set("oldObject", MAPPER.readTree(oldObject));

    AdmissionRequest request = new AdmissionReviewParser().parse(body);

    assertThat(request.images().images())
        .containsExactly(
            new ContainerImage(
                ContainerType.EPHEMERAL_CONTAINER,
                "debug2",
                "alpine:3.20",
                "ephemeralContainers[1].image"));
  }

  @Test
  void otherSubresourcesRunNothing() {
    AdmissionRequest request =
        ReviewBuilder.pod()
            .operation(Operation.UPDATE)
            .subResource("status")
            .container("app", "ghcr.io/acme/app:1")
            .parse();

    assertThat(request.images().decoded()).isTrue();
    assertThat(request.images().images()).isEmpty();
  }

  @Test
  void missingContainerNameIsEmpty() throws Exception {
    AdmissionRequest request =
        ReviewBuilder.pod()
            .object(MAPPER.readTree("{\"spec\": {\"containers\": [{\"image\": \"nginx\"}]}}"))
            .parse();

    assertThat(request.images().images().get(0).containerName()).isEmpty();
  }

  @Test
  void undecodableReportsPath() throws Exception {
    AdmissionRequest request =
        ReviewBuilder.cronJob()
            .object(
                MAPPER.readTree(
                    "{\"spec\": {\"jobTemplate\": {\"spec\": {\"template\": {\"spec\":"
                        + " {\"containers\": [\"nginx\"]}}}}}}"))
            .parse();

    assertThat(request.images().decoded()).isFalse();
    assertThat(request.images().decodeError())
        .isEqualTo("spec.jobTemplate.spec.template.spec.containers[0] is not an object");
    assertThat(request.images().images()).isEmpty();
  }

  @Test
  void specNotObjectUndecodable() throws Exception {
    AdmissionRequest request =
        ReviewBuilder.pod().object(MAPPER.readTree("{\"spec\": []}")).parse();

    assertThat(request.images().decodeError()).isEqualTo("spec is not an object");
  }
}
