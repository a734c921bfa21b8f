package dev.custos.events.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.events.EventSamples;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImagePushedTest {
  private static final Instant PUSHED_AT = Instant.parse("2025-03-04T10:15:30Z");

  @Test
  void keyIsDigest() {
    assertThat(EventSamples.imagePushed().key()).isEqualTo(EventSamples.INDEX_DIGEST);
  }

  @Test
  void platformDigestsAreCopied() {
    List<String> digests = new ArrayList<>(List.of(EventSamples.AMD64_DIGEST));

    ImagePushed pushed = push(EventSamples.INDEX_DIGEST, 10, digests);
    digests.add(EventSamples.ARM64_DIGEST);

    assertThat(pushed.platformManifestDigests()).containsExactly(EventSamples.AMD64_DIGEST);
  }

  @Test
  void invalidPlatformDigestNamesIndex() {
    List<String> digests = List.of(EventSamples.AMD64_DIGEST, "sha256:short");

    assertThatThrownBy(() -> push(EventSamples.INDEX_DIGEST, 10, digests))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("platformManifestDigests[1] is not a valid digest");
  }

  @Test
  void missingDigestIsRejected() {
    assertThatThrownBy(() -> push(null, 10, List.of()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("digest is required");
  }

  @Test
  void negativeSizeIsRejected() {
    assertThatThrownBy(() -> push(EventSamples.INDEX_DIGEST, -1, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("size must not be negative, but is -1");
  }

  @Test
  void blankTagIsRejected() {
    assertThatThrownBy(
            () ->
                new ImagePushed(
                    "registry.example.com",
                    "team/app",
                    "",
                    EventSamples.INDEX_DIGEST,
                    "application/vnd.oci.image.manifest.v1+json",
                    10,
                    PUSHED_AT,
                    null,
                    "event-1",
                    List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tag must not be blank");
  }

  private static ImagePushed push(String digest, long size, List<String> platformDigests) {
    return new ImagePushed(
        "registry.example.com",
        "team/app",
        null,
        digest,
        "application/vnd.oci.image.index.v1+json",
        size,
        PUSHED_AT,
        null,
        "event-1",
        platformDigests);
  }
}
