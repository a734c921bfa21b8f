package dev.custos.admission.decision;

import static dev.custos.admission.decision.DecisionFixtures.BUILD_QA;
import static dev.custos.admission.decision.DecisionFixtures.LOOKUP;
import static dev.custos.admission.decision.DecisionFixtures.NONE;
import static dev.custos.admission.decision.DecisionFixtures.image;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.admission.decision.DecisionFixtures.RecordingLookup;
import dev.custos.admission.policy.Policy;
import dev.custos.admission.review.AdmissionRequest;
import dev.custos.admission.review.ContainerType;
import dev.custos.admission.review.ReviewBuilder;
import dev.custos.events.admission.AdmissionDecided;
import dev.custos.events.admission.EnforcementMode;
import dev.custos.events.admission.ImageDecision;
import dev.custos.events.admission.Operation;
import dev.custos.events.image.ImageReference;
import org.junit.jupiter.api.Test;

class AdmissionDeciderTest {
  private static final Policy POLICY = DecisionFixtures.policy();

  @Test
  void allowlistedImageSkipsLookup() {
    RecordingLookup lookup = new RecordingLookup();
    AdmissionRequest request =
        ReviewBuilder.pod()
            .container("pause", "registry.k8s.io/pause:3.9")
            .container("web", "nginx:1.27@" + NONE)
            .parse();

    AdmissionDecision decision = AdmissionDecider.decide(request, POLICY, lookup);

    assertThat(decision.allowed()).isTrue();
    assertThat(lookup.calls).isEmpty();
  }

  @Test
  void lookupGetsReferenceWithoutTag() {
    RecordingLookup lookup = new RecordingLookup();
    AdmissionRequest request =
        ReviewBuilder.pod()
            .container("app", "Registry.Example.com/team/app:1.0@" + BUILD_QA)
            .parse();

    AdmissionDecider.decide(request, POLICY, lookup);

    assertThat(lookup.calls)
        .containsExactly(ImageReference.parse("registry.example.com/team/app@" + BUILD_QA));
    assertThat(lookup.calls.get(0).tag()).isNull();
  }

  @Test
  void failingLookupDeniesImage() {
    AdmissionRequest request = ReviewBuilder.pod().container("app", image("app", BUILD_QA)).parse();
    VerifiedAttestations failing =
        image -> {
          throw new IllegalStateException("cache not ready");
        };

    AdmissionDecision decision = AdmissionDecider.decide(request, POLICY, failing);

    assertThat(decision.allowed()).isFalse();
    assertThat(decision.message())
        .isEqualTo(
            "attestation lookup failed for container image: "
                + image("app", BUILD_QA)
                + " (cache not ready)");
  }

  @Test
  void nullLookupResultDenies() {
    AdmissionRequest request = ReviewBuilder.pod().container("app", image("app", BUILD_QA)).parse();

    AdmissionDecision decision = AdmissionDecider.decide(request, POLICY, image -> null);

    assertThat(decision.allowed()).isFalse();
    assertThat(decision.reason()).isEqualTo(DecisionReason.POLICY_DENIED);
  }

  @Test
  void verdictKeepsImageLocation() {
    AdmissionRequest request =
        ReviewBuilder.deployment()
            .container("app", image("app", BUILD_QA))
            .initContainer("init", image("init", NONE))
            .parse();

    AdmissionDecision decision = AdmissionDecider.decide(request, POLICY, LOOKUP);

    ImageVerdict init = decision.images().get(1);
    assertThat(init.image().type()).isEqualTo(ContainerType.INIT_CONTAINER);
    assertThat(init.image().containerName()).isEqualTo("init");
    assertThat(init.image().path()).isEqualTo("spec.template.spec.initContainers[0].image");
    assertThat(init.reference().digest()).isEqualTo(NONE);
  }

  @Test
  void eventCarriesDecisionFields() {
    AdmissionRequest request =
        ReviewBuilder.deployment()
            .namespace("staging")
            .name("web")
            .container("app", image("app", NONE))
            .container("side", "registry.example.com/team/side:1")
            .parse();
    AdmissionDecision decision = AdmissionDecider.decide(request, POLICY, LOOKUP);

    AdmissionDecided event = decision.toEvent(request);

    assertThat(event.operation()).isEqualTo(Operation.CREATE);
    assertThat(event.namespace()).isEqualTo("staging");
    assertThat(event.workloadKind()).isEqualTo("Deployment");
    assertThat(event.workloadName()).isEqualTo("web");
    assertThat(event.user()).isEqualTo("alice");
    assertThat(event.allowed()).isTrue();
    assertThat(event.enforcementMode()).isEqualTo(EnforcementMode.DRY_RUN);
    assertThat(event.breakglass()).isFalse();
    assertThat(event.dryRun()).isFalse();
    assertThat(event.policyRevision()).isEqualTo(POLICY.revision());
    assertThat(event.reason()).startsWith("dry run: rule namespaces.staging would deny");
    assertThat(event.images())
        .containsExactly(
            new ImageDecision(
                image("app", NONE),
                NONE.toString(),
                ImageDecision.Verdict.DENIED,
                "No matched signatures for container image: "
                    + image("app", NONE)
                    + ". Missing attestations from: build, qa."),
            new ImageDecision(
                "registry.example.com/team/side:1",
                null,
                ImageDecision.Verdict.DENIED,
                "image registry.example.com/team/side:1 has no digest; reference it by digest"));
  }

  @Test
  void policyDeniedUnderBreakglass() {
    AdmissionRequest request =
        ReviewBuilder.pod()
            .container("app", image("app", NONE))
            .annotation(AdmissionDecider.BREAKGLASS_ANNOTATION, "true")
            .parse();

    AdmissionDecision decision = AdmissionDecider.decide(request, POLICY, LOOKUP);

    assertThat(decision.allowed()).isTrue();
    assertThat(decision.policyDenied()).isTrue();
    assertThat(decision.toEvent(request).breakglass()).isTrue();
  }

  @Test
  void generateNameNamesWorkload() {
    AdmissionRequest request =
        ReviewBuilder.pod()
            .object(DecisionFixturesJson.podWithGenerateName("web-5d8f-", image("app", BUILD_QA)))
            .name("")
            .parse();

    AdmissionDecision decision = AdmissionDecider.decide(request, POLICY, LOOKUP);

    assertThat(decision.toEvent(request).workloadName()).isEqualTo("web-5d8f-");
  }
}
