package dev.custos.events.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.events.image.InvalidImageReferenceException.Part;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageReferenceTest {
  static final String HEX = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  static final String OTHER_HEX =
      "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";
  static final String HEX_128 = HEX + OTHER_HEX;
  static final String SHA256 = "sha256:" + HEX;
  static final String SHA512 = "sha512:" + HEX_128;
  static final String COSIGN_TAG = "sha256-" + HEX;
  static final String PINNED_NGINX = "docker.io/library/nginx@" + SHA256;

  /** The two entry points: {@code parse} for image references, the other for Grafeas URIs. */
  enum Syntax {
    IMAGE_REFERENCE(ImageReference::parse),
    RESOURCE_URI(ImageReference::parseResourceUri);

    private final Function<String, ImageReference> parser;

    Syntax(Function<String, ImageReference> parser) {
      this.parser = parser;
    }

    ImageReference parse(String input) {
      return parser.apply(input);
    }
  }

  static Stream<Arguments> validReferences() {
    return Stream.of(
        valid("nginx", "docker.io/library/nginx"),
        valid("nginx:1.27", "docker.io/library/nginx:1.27"),
        valid("docker.io/library/nginx", "docker.io/library/nginx"),
        valid("index.docker.io/library/nginx", "docker.io/library/nginx"),
        valid("registry-1.docker.io/library/nginx:latest", "docker.io/library/nginx:latest"),
        valid("docker.io/nginx", "docker.io/library/nginx"),
        valid("index.docker.io/nginx", "docker.io/library/nginx"),
        valid("Index.Docker.IO/library/nginx", "docker.io/library/nginx"),
        valid("acme/app:v2", "docker.io/acme/app:v2"),
        valid("library/nginx", "docker.io/library/nginx"),
        valid("localhost/app", "localhost/app"),
        valid("LOCALHOST:5000/app", "localhost:5000/app"),
        valid("localhost:5000/a/b:1@" + SHA256, "localhost:5000/a/b:1@" + SHA256),
        valid("myreg.example.com:8443/team/app:2.0", "myreg.example.com:8443/team/app:2.0"),
        valid("MyReg.Example.COM/team/app", "myreg.example.com/team/app"),
        valid("registry.example.com/nginx", "registry.example.com/nginx"),
        valid("127.0.0.1:5000/app:1", "127.0.0.1:5000/app:1"),
        valid("10.0.0.1/app", "10.0.0.1/app"),
        valid("[::1]:5000/app:1", "[::1]:5000/app:1"),
        valid("[2001:DB8:0:0:0:0:0:1]/app", "[2001:db8::1]/app"),
        valid("[fe80::]:443/app", "[fe80::]:443/app"),
        valid("nginx@" + SHA256, "docker.io/library/nginx@" + SHA256),
        valid("nginx:1.27@" + SHA256, "docker.io/library/nginx:1.27@" + SHA256),
        valid("ghcr.io/acme/app@" + SHA512, "ghcr.io/acme/app@" + SHA512),
        valid("ghcr.io/acme/app:" + COSIGN_TAG + ".sig", "ghcr.io/acme/app:" + COSIGN_TAG + ".sig"),
        valid("ghcr.io/acme/app:" + COSIGN_TAG + ".att", "ghcr.io/acme/app:" + COSIGN_TAG + ".att"),
        valid(
            "gcr.io/project/sub/dir/image:v1.2-rc.1_b", "gcr.io/project/sub/dir/image:v1.2-rc.1_b"),
        valid("quay.io/a.b/c__d/e-f/g--h/i_j", "quay.io/a.b/c__d/e-f/g--h/i_j"),
        valid("nginx:_private", "docker.io/library/nginx:_private"),
        valid("nginx:" + "t".repeat(128), "docker.io/library/nginx:" + "t".repeat(128)),
        valid("localhost:5000", "docker.io/library/localhost:5000"),
        valid("example.com", "docker.io/library/example.com"),
        valid("n".repeat(237), "docker.io/library/" + "n".repeat(237)),
        validUri("https://" + PINNED_NGINX, PINNED_NGINX),
        validUri(PINNED_NGINX, PINNED_NGINX),
        validUri("HTTPS://ghcr.io/acme/app@" + SHA256, "ghcr.io/acme/app@" + SHA256),
        validUri("https://nginx:1@" + SHA256, "docker.io/library/nginx:1@" + SHA256),
        validUri("https://localhost:5000/a/b@" + SHA512, "localhost:5000/a/b@" + SHA512));
  }

  static Stream<Arguments> invalidReferences() {
    return Stream.of(
        invalid("", Part.REFERENCE, "the reference is empty"),
        invalid("   ", Part.REFERENCE, "contains only whitespace"),
        invalid(" nginx", Part.REFERENCE, "leading or trailing whitespace"),
        invalid("nginx ", Part.REFERENCE, "leading or trailing whitespace"),
        invalid("ngi nx", Part.REFERENCE, "whitespace at index 3"),
        invalid("nginx\u00a0:1", Part.REFERENCE, "whitespace at index 5"),
        invalid("ngi\tnx", Part.REFERENCE, "control character U+0009 at index 3"),
        invalid("nginx\u0000", Part.REFERENCE, "control character U+0000 at index 5"),
        invalid("https://" + PINNED_NGINX, Part.REFERENCE, "have no URI scheme"),
        invalid(
            "Library/Nginx:1",
            Part.REPOSITORY,
            "invalid repository \"Library/Nginx\" in \"Library/Nginx:1\": repository names must be lowercase"),
        invalid("Nginx", Part.REPOSITORY, "must be lowercase. Use \"nginx\" instead"),
        invalid("nginx/", Part.REPOSITORY, "must not end with \"/\""),
        invalid("/nginx", Part.REPOSITORY, "must not start with \"/\""),
        invalid("acme//app", Part.REPOSITORY, "must not contain an empty path component"),
        invalid("localhost:5000/", Part.REPOSITORY, "missing repository"),
        invalid(":1", Part.REPOSITORY, "missing repository"),
        invalid("@" + SHA256, Part.REPOSITORY, "missing repository"),
        invalid("acme/-app", Part.REPOSITORY, "path component \"-app\" is invalid"),
        invalid("acme/app-", Part.REPOSITORY, "path component \"app-\" is invalid"),
        invalid("acme/a..b", Part.REPOSITORY, "path component \"a..b\" is invalid"),
        invalid("acme/a___b", Part.REPOSITORY, "path component \"a___b\" is invalid"),
        invalid("nginx:1:2", Part.REPOSITORY, "path component \"nginx:1\" is invalid"),
        invalid(
            "n".repeat(238),
            Part.REPOSITORY,
            "including \"docker.io/library/\", is 256 characters and the maximum is 255"),
        invalid("nginx:", Part.TAG, "missing tag after \":\""),
        invalid("nginx:@" + SHA256, Part.TAG, "missing tag after \":\""),
        invalid("nginx:" + "t".repeat(129), Part.TAG, "at most 128 characters, got 129"),
        invalid("nginx:-bad", Part.TAG, "tags start with a letter, digit or '_'"),
        invalid("nginx:.bad", Part.TAG, "tags start with a letter, digit or '_'"),
        invalid("nginx:a+b", Part.TAG, "contain only letters, digits"),
        invalid("nginx@", Part.DIGEST, "missing digest after \"@\""),
        invalid("nginx@sha256:sha256:" + HEX, Part.DIGEST, "the prefix \"sha256:\" appears twice"),
        invalid("nginx@sha256:abc", Part.DIGEST, "sha256 digests have 64 hex characters, got 3"),
        invalid("nginx@sha256:" + HEX + "0", Part.DIGEST, "64 hex characters, got 65"),
        invalid("nginx@sha256:" + HEX.toUpperCase(), Part.DIGEST, "digest hex must be lowercase"),
        invalid("nginx@sha256:" + HEX.substring(1) + "g", Part.DIGEST, "0-9 and a-f"),
        invalid("nginx@sha512:" + HEX, Part.DIGEST, "128 hex characters, got 64"),
        invalid("nginx@md5:" + HEX.substring(32), Part.DIGEST, "unsupported digest algorithm"),
        invalid("nginx@SHA256:" + HEX, Part.DIGEST, "digest algorithms are lowercase"),
        invalid("nginx@" + HEX, Part.DIGEST, "digests have the form <algorithm>:<hex>"),
        invalid("nginx@" + SHA256 + "@" + SHA256, Part.DIGEST, "only the characters 0-9 and a-f"),
        invalid("localhost:abc/app", Part.HOST, "the port must be a number from 1 to 65535"),
        invalid("localhost:0/app", Part.HOST, "the port must be a number from 1 to 65535"),
        invalid("localhost:65536/app", Part.HOST, "the port must be a number from 1 to 65535"),
        invalid("localhost:05000/app", Part.HOST, "without leading zeros"),
        invalid("localhost:/app", Part.HOST, "missing port after \":\""),
        invalid(":5000/app", Part.HOST, "missing host name before the port"),
        invalid("256.0.0.1/app", Part.HOST, "IPv4 octets are decimal numbers from 0 to 255"),
        invalid("-bad.example.com/app", Part.HOST, "host label \"-bad\" is invalid"),
        invalid("bad_host.example.com/app", Part.HOST, "host label \"bad_host\" is invalid"),
        invalid(
            "doc\u212Aer.io/library/nginx", Part.HOST, "host label \"doc\\u212Aer\" is invalid"),
        invalid("::1/app", Part.HOST, "IPv6 addresses must be in brackets"),
        invalid("[::1/app", Part.HOST, "missing \"]\""),
        invalid("[1::2::3]/app", Part.HOST, "may contain \"::\" only once"),
        invalid("[1:2:3:4:5:6:7]/app", Part.HOST, "eight 16-bit groups"),
        invalid("[::ffff:1.2.3.4]/app", Part.HOST, "IPv6 group \"1.2.3.4\" is invalid"),
        invalid("[fe80::1%25eth0]/app", Part.HOST, "IPv6 group \"1%25eth0\" is invalid"),
        invalid("[::1]x/app", Part.HOST, "only a port may follow \"]\""),
        invalidUri("ftp://" + PINNED_NGINX, Part.REFERENCE, "unsupported URI scheme \"ftp\""),
        invalidUri("http://" + PINNED_NGINX, Part.REFERENCE, "unsupported URI scheme \"http\""),
        invalidUri("://" + PINNED_NGINX, Part.REFERENCE, "missing or invalid URI scheme"),
        invalidUri("https://docker.io/library/nginx:1", Part.DIGEST, "names an image by digest"),
        invalidUri("https://nginx@sha256:abc", Part.DIGEST, "64 hex characters, got 3"),
        invalidUri("https://Library/Nginx@" + SHA256, Part.REPOSITORY, "must be lowercase"),
        invalidUri("", Part.REFERENCE, "the reference is empty"));
  }

  @ParameterizedTest(name = "{index}: {1}")
  @MethodSource("validReferences")
  void parsesValidReference(Syntax syntax, String input, String canonical) {
    ImageReference reference = syntax.parse(input);

    assertThat(reference.canonical()).isEqualTo(canonical);
    assertThat(canonical).startsWith(reference.canonicalName());
    assertThat(reference.canonicalName())
        .isEqualTo(reference.registry() + "/" + reference.repository());
  }

  @ParameterizedTest(name = "{index}: {1}")
  @MethodSource("validReferences")
  void canonicalFormsParseBack(Syntax syntax, String input) {
    ImageReference reference = syntax.parse(input);

    ImageReference fromCanonical = ImageReference.parse(reference.canonical());
    ImageReference fromFamiliar = ImageReference.parse(reference.familiar());

    assertThat(fromCanonical.canonical()).isEqualTo(reference.canonical());
    assertThat(fromFamiliar.canonical()).isEqualTo(reference.canonical());
  }

  @ParameterizedTest(name = "{index}: {1}")
  @MethodSource("invalidReferences")
  void rejectsInvalidReference(Syntax syntax, String input, Part part, String messageFragment) {
    assertThatThrownBy(() -> syntax.parse(input))
        .isInstanceOfSatisfying(
            InvalidImageReferenceException.class,
            e -> {
              assertThat(e.part()).isEqualTo(part);
              assertThat(e.getMessage()).startsWith("invalid " + part.label() + " ");
              assertThat(e.getMessage()).contains(messageFragment);
              assertThat(e.input()).contains(input);
            });
  }

  @Test
  void nullReferenceIsRejected() {
    assertThatThrownBy(() -> ImageReference.parse(null))
        .isInstanceOfSatisfying(
            InvalidImageReferenceException.class,
            e -> assertThat(e.part()).isEqualTo(Part.REFERENCE));
    assertThatThrownBy(() -> ImageReference.parseResourceUri(null))
        .isInstanceOf(InvalidImageReferenceException.class);
  }

  @Test
  void splitsAllFourComponents() {
    ImageReference reference = ImageReference.parse("localhost:5000/a/b:1@" + SHA256);

    assertThat(reference.registry()).isEqualTo("localhost:5000");
    assertThat(reference.repository()).isEqualTo("a/b");
    assertThat(reference.tag()).isEqualTo("1");
    assertThat(reference.digest()).isEqualTo(new Digest("sha256", HEX));
  }

  @Test
  void bareNameDefaultsToDockerHub() {
    ImageReference reference = ImageReference.parse("nginx");

    assertThat(reference.registry()).isEqualTo("docker.io");
    assertThat(reference.repository()).isEqualTo("library/nginx");
    assertThat(reference.tag()).isNull();
    assertThat(reference.digest()).isNull();
    assertThat(reference.hasTag()).isFalse();
    assertThat(reference.hasDigest()).isFalse();
  }

  @Test
  void ipv6HostKeepsBracketsAndPort() {
    ImageReference reference = ImageReference.parse("[2001:DB8::1]:5000/team/app:1");

    assertThat(reference.registry()).isEqualTo("[2001:db8::1]:5000");
    assertThat(reference.repository()).isEqualTo("team/app");
    assertThat(reference.tag()).isEqualTo("1");
  }

  @Test
  void portIsNotReadAsTag() {
    ImageReference reference = ImageReference.parse("myreg.example.com:8443/app");

    assertThat(reference.registry()).isEqualTo("myreg.example.com:8443");
    assertThat(reference.repository()).isEqualTo("app");
    assertThat(reference.tag()).isNull();
  }

  @Test
  void sha512DigestIsKept() {
    ImageReference reference = ImageReference.parse("ghcr.io/acme/app@" + SHA512);

    assertThat(reference.digest().algorithm()).isEqualTo("sha512");
    assertThat(reference.digest().hex()).isEqualTo(HEX_128);
  }

  @Test
  void dockerHubSpellingsAreEqual() {
    ImageReference shortName = ImageReference.parse("nginx");
    ImageReference fullName = ImageReference.parse("docker.io/library/nginx");
    ImageReference indexName = ImageReference.parse("index.docker.io/library/nginx");
    ImageReference registryName = ImageReference.parse("registry-1.docker.io/nginx");

    assertThat(fullName).isEqualTo(shortName);
    assertThat(indexName).isEqualTo(shortName);
    assertThat(registryName).isEqualTo(shortName);
    assertThat(fullName.hashCode()).isEqualTo(shortName.hashCode());
    assertThat(indexName.hashCode()).isEqualTo(shortName.hashCode());
  }

  @Test
  void constructorCanonicalisesComponents() {
    ImageReference constructed = new ImageReference("Index.Docker.IO", "nginx", "1", null);

    assertThat(constructed.registry()).isEqualTo("docker.io");
    assertThat(constructed.repository()).isEqualTo("library/nginx");
    assertThat(constructed).isEqualTo(ImageReference.parse("nginx:1"));
  }

  @Test
  void equalityUsesDigestWhenPresent() {
    ImageReference tagAndDigest = ImageReference.parse("nginx:1@" + SHA256);
    ImageReference digestOnly = ImageReference.parse("docker.io/library/nginx@" + SHA256);
    ImageReference otherTagSameDigest = ImageReference.parse("nginx:2@" + SHA256);

    assertThat(tagAndDigest).isEqualTo(digestOnly);
    assertThat(tagAndDigest.hashCode()).isEqualTo(digestOnly.hashCode());
    assertThat(otherTagSameDigest).isEqualTo(tagAndDigest);
    assertThat(tagAndDigest.tag()).isEqualTo("1");
    assertThat(tagAndDigest.canonical()).isNotEqualTo(digestOnly.canonical());
  }

  @Test
  void unequalReferencesDiffer() {
    ImageReference tagged = ImageReference.parse("nginx:1");

    assertThat(tagged).isNotEqualTo(ImageReference.parse("nginx:2"));
    assertThat(tagged).isNotEqualTo(ImageReference.parse("nginx"));
    assertThat(tagged).isNotEqualTo(ImageReference.parse("nginx:1@" + SHA256));
    assertThat(tagged).isNotEqualTo(ImageReference.parse("ghcr.io/library/nginx:1"));
    assertThat(ImageReference.parse("nginx@" + SHA256))
        .isNotEqualTo(ImageReference.parse("nginx@sha256:" + OTHER_HEX));
    assertThat(ImageReference.parse("acme/app")).isNotEqualTo(ImageReference.parse("acme/other"));
  }

  @Test
  void digestFormsNeedDigest() {
    ImageReference tagged = ImageReference.parse("nginx:1");
    ImageReference pinned = ImageReference.parse("nginx:1@" + SHA256);

    assertThat(tagged.canonicalByDigest()).isEmpty();
    assertThat(tagged.resourceUri()).isEmpty();
    assertThat(pinned.canonicalByDigest()).contains("docker.io/library/nginx@" + SHA256);
    assertThat(pinned.resourceUri()).contains("https://docker.io/library/nginx@" + SHA256);
  }

  @Test
  void resourceUriParsesBack() {
    ImageReference pinned = ImageReference.parse("localhost:5000/a/b@" + SHA256);

    String uri = pinned.resourceUri().orElseThrow();

    assertThat(ImageReference.parseResourceUri(uri)).isEqualTo(pinned);
  }

  @Test
  void familiarFormDropsDockerHub() {
    assertThat(ImageReference.parse("docker.io/library/nginx:1").familiar()).isEqualTo("nginx:1");
    assertThat(ImageReference.parse("index.docker.io/acme/app").familiar()).isEqualTo("acme/app");
    assertThat(ImageReference.parse("docker.io/library/a/b").familiar()).isEqualTo("library/a/b");
    assertThat(ImageReference.parse("localhost:5000/app").familiar())
        .isEqualTo("localhost:5000/app");
    assertThat(ImageReference.parse("docker.io/foo.bar/app").familiar())
        .isEqualTo("docker.io/foo.bar/app");
  }

  @Test
  void toStringIsCanonical() {
    ImageReference reference = ImageReference.parse("Index.Docker.IO/nginx:1@" + SHA256);

    assertThat(reference).hasToString("docker.io/library/nginx:1@" + SHA256);
  }

  @Test
  void withDigestKeepsTag() {
    Digest digest = Digest.parse(SHA256);

    ImageReference pinned = ImageReference.parse("nginx:1").withDigest(digest);

    assertThat(pinned.tag()).isEqualTo("1");
    assertThat(pinned.digest()).isEqualTo(digest);
    assertThat(pinned.hasTag()).isTrue();
    assertThat(pinned.hasDigest()).isTrue();
  }

  @Test
  void cosignTagsAreSignatureArtifacts() {
    String repository = "ghcr.io/acme/app:sha256-" + HEX;

    ImageReference signature = ImageReference.parse(repository + ".sig");
    ImageReference attestation = ImageReference.parse(repository + ".att");
    ImageReference sbom = ImageReference.parse(repository + ".sbom");

    assertThat(signature.artifactKind()).isEqualTo(ArtifactKind.COSIGN_SIGNATURE);
    assertThat(attestation.artifactKind()).isEqualTo(ArtifactKind.COSIGN_ATTESTATION);
    assertThat(sbom.artifactKind()).isEqualTo(ArtifactKind.COSIGN_SBOM);
    assertThat(signature.isSignatureArtifact()).isTrue();
    assertThat(attestation.isSignatureArtifact()).isTrue();
    assertThat(sbom.isSignatureArtifact()).isTrue();
  }

  @Test
  void signatureArtifactNamesSignedDigest() {
    ImageReference signature = ImageReference.parse("ghcr.io/acme/app:sha256-" + HEX + ".sig");

    assertThat(signature.subjectDigest()).contains(new Digest("sha256", HEX));
  }

  @Test
  void pinnedSignatureNamesTagDigest() {
    String input = "ghcr.io/acme/app:sha256-" + HEX + ".sig@sha256:" + OTHER_HEX;

    ImageReference signature = ImageReference.parse(input);

    assertThat(signature.subjectDigest()).contains(new Digest("sha256", HEX));
    assertThat(signature.digest()).isEqualTo(new Digest("sha256", OTHER_HEX));
  }

  @Test
  void ordinaryTagsAreImages() {
    String[] inputs = {
      "nginx",
      "nginx:1.27",
      "nginx@" + SHA256,
      "ghcr.io/acme/app:sha256-" + HEX,
      "ghcr.io/acme/app:sha256-" + HEX + ".txt",
      "ghcr.io/acme/app:sha256-" + HEX.toUpperCase() + ".sig",
      "ghcr.io/acme/app:sha256-" + HEX.substring(1) + ".sig",
      "ghcr.io/acme/app:sha512-" + HEX + ".sig",
    };

    for (String input : inputs) {
      ImageReference reference = ImageReference.parse(input);
      assertThat(reference.artifactKind()).as(input).isEqualTo(ArtifactKind.IMAGE);
      assertThat(reference.isSignatureArtifact()).as(input).isFalse();
      assertThat(reference.subjectDigest()).as(input).isEmpty();
    }
  }

  private static Arguments valid(String input, String canonical) {
    return Arguments.of(Syntax.IMAGE_REFERENCE, input, canonical);
  }

  private static Arguments validUri(String input, String canonical) {
    return Arguments.of(Syntax.RESOURCE_URI, input, canonical);
  }

  private static Arguments invalid(String input, Part part, String messageFragment) {
    return Arguments.of(Syntax.IMAGE_REFERENCE, input, part, messageFragment);
  }

  private static Arguments invalidUri(String input, Part part, String messageFragment) {
    return Arguments.of(Syntax.RESOURCE_URI, input, part, messageFragment);
  }
}
