package dev.custos.events.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.events.EventSamples;
import org.junit.jupiter.api.Test;

class AdmissionEventsTest {

  @Test
  void decisionKeyIsNamespaceAndName() {
    assertThat(EventSamples.admissionDecided().key()).isEqualTo("payments/checkout");
  }

  @Test
  void revocationKeyIsNamespaceAndName() {
    AdmittedWorkloadRevoked revoked =
        new AdmittedWorkloadRevoked(
            "payments",
            "Pod",
            "checkout-7d9f8",
            EventSamples.INDEX_DIGEST,
            "production-signer",
            EventSamples.OCCURRENCE_NAME,
            "705ab4f5-6393-11e8-b7cc-42010a800002");

    assertThat(revoked.key()).isEqualTo("payments/checkout-7d9f8");
  }

  @Test
  void tagOnlyImageHasNoDigest() {
    ImageDecision decision =
        new ImageDecision(
            "nginx:1.27", null, ImageDecision.Verdict.DENIED, "Reference the image by digest");

    assertThat(decision.digest()).isNull();
  }

  @Test
  void imageDecisionNeedsAReason() {
    assertThatThrownBy(
            () -> new ImageDecision("nginx:1.27", null, ImageDecision.Verdict.DENIED, " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("reason must not be blank");
  }

  @Test
  void revocationNeedsADigest() {
    assertThatThrownBy(
            () ->
                new AdmittedWorkloadRevoked(
                    "payments",
                    "Pod",
                    "checkout-7d9f8",
                    null,
                    "production-signer",
                    EventSamples.OCCURRENCE_NAME,
                    "705ab4f5-6393-11e8-b7cc-42010a800002"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("digest is required");
  }

  @Test
  void imagesAreUnmodifiable() {
    AdmissionDecided decided = EventSamples.admissionDecided();

    assertThatThrownBy(() -> decided.images().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
