package dev.custos.signer.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.events.image.Digest;
import dev.custos.events.image.ImageReference;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SimpleSigningPayloadTest {
  private static final String DIGEST =
      "sha256:e58f00228471dd110757629c4e16e8672e6f742754adfed6d5c01e6fd4886c58";

  @Test
  void taggedImageSerializesExactly() {
    ImageReference image = ImageReference.parse("127.0.0.1:5055/team/demo:v1@" + DIGEST);

    SimpleSigningPayload payload =
        SimpleSigningPayload.create(
            image, "custos-signer 0.1.0", Instant.ofEpochSecond(1796394818));

    assertThat(new String(payload.serialized(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"critical\":{\"identity\":{\"docker-reference\":\"127.0.0.1:5055/team/demo:v1\"},"
                + "\"image\":{\"docker-manifest-digest\":\""
                + DIGEST
                + "\"},\"type\":\"atomic container signature\"},"
                + "\"optional\":{\"creator\":\"custos-signer 0.1.0\",\"timestamp\":1796394818}}");
  }

  @Test
  void untaggedImageNamesRepository() {
    ImageReference image = ImageReference.parse("nginx@" + DIGEST);

    SimpleSigningPayload payload = SimpleSigningPayload.create(image, "c", Instant.EPOCH);

    assertThat(payload.dockerReference()).isEqualTo("docker.io/library/nginx");
    assertThat(payload.manifestDigest()).isEqualTo(Digest.parse(DIGEST));
  }

  @Test
  void timestampIsWholeSeconds() {
    ImageReference image = ImageReference.parse("nginx@" + DIGEST);

    SimpleSigningPayload payload =
        SimpleSigningPayload.create(image, "c", Instant.ofEpochSecond(1796394818, 999_000_000));

    assertThat(payload.timestampSeconds()).isEqualTo(1796394818L);
  }

  @Test
  void imageWithoutDigestIsRejected() {
    ImageReference image = ImageReference.parse("nginx:1.27");

    assertThatThrownBy(() -> SimpleSigningPayload.create(image, "c", Instant.EPOCH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no digest");
  }

  @Test
  void parseKeepsBytesAsGiven() {
    byte[] skopeoPayload =
        ("{\"critical\":{\"identity\":{\"docker-reference\":\"127.0.0.1:5055/feas/demo:v1\"},"
                + "\"image\":{\"docker-manifest-digest\":\""
                + DIGEST
                + "\"},\"type\":\"atomic container signature\"},"
                + "\"optional\":{\"creator\":\"atomic 5.23.1\",\"timestamp\":1796394818}}")
            .getBytes(StandardCharsets.UTF_8);

    SimpleSigningPayload payload = SimpleSigningPayload.parse(skopeoPayload);

    assertThat(payload.serialized()).isEqualTo(skopeoPayload);
    assertThat(payload.dockerReference()).isEqualTo("127.0.0.1:5055/feas/demo:v1");
    assertThat(payload.manifestDigest().toString()).isEqualTo(DIGEST);
    assertThat(payload.creator()).isEqualTo("atomic 5.23.1");
    assertThat(payload.timestampSeconds()).isEqualTo(1796394818L);
  }

  @Test
  void parseRoundTripsCreatedPayload() {
    ImageReference image = ImageReference.parse("ghcr.io/acme/app:2@" + DIGEST);
    SimpleSigningPayload created = SimpleSigningPayload.create(image, "c", Instant.EPOCH);

    SimpleSigningPayload parsed = SimpleSigningPayload.parse(created.serialized());

    assertThat(parsed.dockerReference()).isEqualTo("ghcr.io/acme/app:2");
    assertThat(parsed.serialized()).isEqualTo(created.serialized());
  }

  @Test
  void parseRejectsOtherType() {
    byte[] json =
        ("{\"critical\":{\"identity\":{\"docker-reference\":\"a/b\"},\"image\":"
                + "{\"docker-manifest-digest\":\""
                + DIGEST
                + "\"},\"type\":\"cosign container image signature\"},\"optional\":{}}")
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> SimpleSigningPayload.parse(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("critical.type must be");
  }

  @Test
  void serializedReturnsCopy() {
    SimpleSigningPayload payload =
        SimpleSigningPayload.create(ImageReference.parse("nginx@" + DIGEST), "c", Instant.EPOCH);

    payload.serialized()[0] = 'X';

    assertThat(payload.serialized()[0]).isEqualTo((byte) '{');
  }
}
