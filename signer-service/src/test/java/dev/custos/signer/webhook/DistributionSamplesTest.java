package dev.custos.signer.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.custos.events.image.Digest;
import dev.custos.events.registry.ImagePushed;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The webhook requests a real CNCF Distribution 2.8.2 sent, parsed file by file. */
class DistributionSamplesTest {
  private static final String HOST = "registry.example.com:5000";
  private static final String IMAGE_DIGEST =
      "sha256:e58f00228471dd110757629c4e16e8672e6f742754adfed6d5c01e6fd4886c58";

  @ParameterizedTest
  @MethodSource("dev.custos.signer.webhook.RegistrySamples#files")
  void everySampleRequestParses(String file) {
    RegistryWebhookParser parser = new RegistryWebhookParser();

    for (RegistrySamples.Request request : RegistrySamples.read(file)) {
      assertThatCode(() -> parser.parse(request.contentType(), request.body(), HOST))
          .as("request seq %d of %s", request.seq(), file)
          .doesNotThrowAnyException();
    }
  }

  @Test
  void ociManifestPushIsOneImage() {
    RegistryNotification result =
        RegistrySamples.parseAll("registry-01-push-oci-manifest.jsonl", HOST);

    assertThat(result.pushes()).hasSize(1);
    ImagePushed push = result.pushes().get(0);
    assertThat(push.registry()).isEqualTo(HOST);
    assertThat(push.repository()).isEqualTo("team/demo");
    assertThat(push.tag()).isEqualTo("v1");
    assertThat(push.digest()).isEqualTo(IMAGE_DIGEST);
    assertThat(push.mediaType()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
    assertThat(push.size()).isEqualTo(401);
    assertThat(push.pushedAt()).isEqualTo(Instant.parse("2026-12-04T14:30:47.943113736Z"));
    assertThat(push.actor()).isNull();
    assertThat(push.registryEventId()).isEqualTo("cc7c8a7a-7803-400f-9208-181661dbdd49");
    assertThat(push.platformManifestDigests()).isEmpty();
    assertThat(result.attachedArtifacts()).isEmpty();
    assertThat(result.ignoredCounts()).isEqualTo(Map.of(IgnoreReason.BLOB_PUSH, 2));
  }

  @Test
  void pullsAreAllIgnored() {
    RegistryNotification result = RegistrySamples.parseAll("registry-02-pull.jsonl", HOST);

    assertThat(result.pushes()).isEmpty();
    assertThat(result.ignoredCounts()).isEqualTo(Map.of(IgnoreReason.PULL, 3));
  }

  @Test
  void crossRepositoryCopyCountsMount() {
    RegistryNotification result =
        RegistrySamples.parseAll("registry-03-cross-repo-v2s2.jsonl", HOST);

    assertThat(result.pushes()).hasSize(1);
    ImagePushed push = result.pushes().get(0);
    assertThat(push.repository()).isEqualTo("team/other");
    assertThat(push.tag()).isEqualTo("v2s2");
    assertThat(push.mediaType()).isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
    assertThat(push.digest())
        .isEqualTo("sha256:db7e764e69752f72e63b0bf6bc55600742c474b89c86ae0435e4beaa02a4f795");
    assertThat(result.ignoredCounts())
        .isEqualTo(Map.of(IgnoreReason.PULL, 3, IgnoreReason.MOUNT, 1, IgnoreReason.BLOB_PUSH, 1));
  }

  @Test
  void deletesAreIgnored() {
    RegistryNotification result = RegistrySamples.parseAll("registry-04-delete.jsonl", HOST);

    assertThat(result.pushes()).isEmpty();
    assertThat(result.ignoredCounts())
        .isEqualTo(Map.of(IgnoreReason.PULL, 3, IgnoreReason.DELETE, 2));
  }

  @Test
  void authenticatedPushNamesActor() {
    RegistryNotification result =
        RegistrySamples.parseAll("registry-09-authenticated-actor.jsonl", HOST);

    assertThat(result.pushes()).hasSize(1);
    ImagePushed push = result.pushes().get(0);
    assertThat(push.actor()).isEqualTo("pusher");
    assertThat(push.repository()).isEqualTo("team/app");
    assertThat(push.tag()).isEqualTo("1.0");
  }

  @Test
  void orasAttachIsArtifactNotImage() {
    RegistryNotification result = RegistrySamples.parseAll("registry-12-oras-attach.jsonl", HOST);

    assertThat(result.pushes()).isEmpty();
    assertThat(result.attachedArtifacts()).hasSize(2);

    AttachedArtifact report = result.attachedArtifacts().get(0);
    assertThat(report.reference().digest().toString())
        .isEqualTo("sha256:a45f632cedcd0dce8d7b9f37a21492b3d433b2f5cdc5ef2270d71fef74015da9");
    assertThat(report.subjectDigest()).isEmpty();

    AttachedArtifact referrers = result.attachedArtifacts().get(1);
    assertThat(referrers.mediaType()).isEqualTo("application/vnd.oci.image.index.v1+json");
    assertThat(referrers.reference().tag())
        .isEqualTo("sha256-e58f00228471dd110757629c4e16e8672e6f742754adfed6d5c01e6fd4886c58");
    assertThat(referrers.subjectDigest()).contains(Digest.parse(IMAGE_DIGEST));
    assertThat(referrers.registryEventId()).isEqualTo("834416c2-6e7b-4448-b90e-755a17292cd9");

    assertThat(result.ignoredCounts())
        .isEqualTo(Map.of(IgnoreReason.PULL, 4, IgnoreReason.BLOB_PUSH, 2));
  }

  @Test
  void requestHostIsNeverUsed() {
    RegistryNotification result =
        RegistrySamples.parseAll("registry-09-authenticated-actor.jsonl", "other.example");

    assertThat(result.pushes().get(0).registry()).isEqualTo("other.example");
  }
}
