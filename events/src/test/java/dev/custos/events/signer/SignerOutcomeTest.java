package dev.custos.events.signer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.events.EventSamples;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignerOutcomeTest {

  @Test
  void signedKeyIsDigest() {
    ImageSigned signed =
        new ImageSigned(
            EventSamples.NOTE_NAME,
            EventSamples.INDEX_DIGEST,
            "registry.example.com/team/app",
            EventSamples.OCCURRENCE_NAME,
            "rule");

    assertThat(signed.key()).isEqualTo(EventSamples.INDEX_DIGEST);
  }

  @Test
  void authorityMustBeNoteName() {
    assertThatThrownBy(
            () ->
                new ImageSigned(
                    EventSamples.OCCURRENCE_NAME,
                    EventSamples.INDEX_DIGEST,
                    "registry.example.com/team/app",
                    EventSamples.OCCURRENCE_NAME,
                    "rule"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("authority is not a valid Grafeas name");
  }

  @Test
  void refusalNeedsAReason() {
    assertThatThrownBy(
            () ->
                new SigningRefused(
                    EventSamples.NOTE_NAME,
                    EventSamples.INDEX_DIGEST,
                    "registry.example.com/team/app",
                    List.of(),
                    "rule"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("reasons must not be empty");
  }

  @Test
  void reasonCodeMustBeUpperSnakeCase() {
    assertThatThrownBy(() -> new RefusalReason("scan-timed-out", "The scan did not finish"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("code must be in upper snake case")
        .hasMessageContaining("'scan-timed-out'");
  }

  @Test
  void reasonNeedsAMessage() {
    assertThatThrownBy(() -> new RefusalReason("SCAN_TIMED_OUT", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("message is required");
  }
}
