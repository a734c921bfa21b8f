package dev.custos.admission.decision;

import static dev.custos.admission.decision.DecisionFixtures.BUILD_QA;
import static dev.custos.admission.decision.DecisionFixtures.LOOKUP;
import static dev.custos.admission.decision.DecisionFixtures.image;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.admission.policy.Policy;
import dev.custos.admission.review.AdmissionRequest;
import dev.custos.admission.review.ReviewBuilder;
import dev.custos.admission.revocation.AdmittedImage;
import dev.custos.admission.revocation.RevocationReporter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which images of a decision {@link RevocationReporter} records as admitted on attestations. */
class AttestedImagesTest {
  private static final Policy POLICY = DecisionFixtures.policy();

  @Test
  void attestedImageRecorded() {
    AdmissionRequest request = ReviewBuilder.pod().container("app", image("app", BUILD_QA)).parse();

    List<AdmittedImage> images = attestedImages(request);

    assertThat(images).hasSize(1);
    assertThat(images.get(0).subjectKey()).isEqualTo("registry.example.com/team/app@" + BUILD_QA);
    assertThat(images.get(0).digest()).isEqualTo(BUILD_QA.toString());
    assertThat(images.get(0).attestors()).containsExactlyInAnyOrder("build", "qa");
  }

  @Test
  void allowListedImageNotRecorded() {
    AdmissionRequest request =
        ReviewBuilder.pod()
            .container("app", image("app", BUILD_QA))
            .container("tool", "ghcr.io/acme/tool@" + BUILD_QA)
            .parse();

    List<AdmittedImage> images = attestedImages(request);

    assertThat(images)
        .extracting(AdmittedImage::subjectKey)
        .containsExactly("registry.example.com/team/app@" + BUILD_QA);
  }

  @Test
  void onlyAllowListedRecordsNothing() {
    AdmissionRequest request =
        ReviewBuilder.pod().container("tool", "ghcr.io/acme/tool@" + BUILD_QA).parse();

    assertThat(attestedImages(request)).isEmpty();
  }

  @Test
  void alwaysAllowRecordsNothing() {
    AdmissionRequest request =
        ReviewBuilder.pod().namespace("sandbox").container("app", image("app", BUILD_QA)).parse();

    assertThat(attestedImages(request)).isEmpty();
  }

  @Test
  void breakglassRecordsNothing() {
    AdmissionRequest request =
        ReviewBuilder.pod()
            .annotation(AdmissionDecider.BREAKGLASS_ANNOTATION, "true")
            .container("app", image("app", DecisionFixtures.NONE))
            .parse();

    assertThat(attestedImages(request)).isEmpty();
  }

  @Test
  void dryRunRecordsNothing() {
    AdmissionRequest request =
        ReviewBuilder.pod()
            .namespace("staging")
            .container("app", image("app", DecisionFixtures.NONE))
            .parse();

    assertThat(attestedImages(request)).isEmpty();
  }

  private static List<AdmittedImage> attestedImages(AdmissionRequest request) {
    AdmissionDecision decision = AdmissionDecider.decide(request, POLICY, LOOKUP);
    return RevocationReporter.attestedImages(request, decision, POLICY, LOOKUP);
  }
}
