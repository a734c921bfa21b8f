package dev.custos.signer.webhook;

import java.util.Locale;
import java.util.Set;

/** Media types of the manifests that registries report in their push events. */
final class ManifestMediaTypes {
  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  static final String DOCKER_MANIFEST_V2 = "application/vnd.docker.distribution.manifest.v2+json";
  static final String DOCKER_MANIFEST_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";
  static final String DOCKER_MANIFEST_V1 = "application/vnd.docker.distribution.manifest.v1+json";
  static final String DOCKER_MANIFEST_V1_SIGNED =
      "application/vnd.docker.distribution.manifest.v1+prettyjws";

  /** The artifact manifest of the OCI 1.1 release candidates, withdrawn before 1.1.0. */
  static final String OCI_ARTIFACT_MANIFEST = "application/vnd.oci.artifact.manifest.v1+json";

  private static final Set<String> SINGLE_MANIFESTS =
      Set.of(OCI_MANIFEST, DOCKER_MANIFEST_V2, DOCKER_MANIFEST_V1, DOCKER_MANIFEST_V1_SIGNED);
  private static final Set<String> INDEXES = Set.of(OCI_INDEX, DOCKER_MANIFEST_LIST);

  /** Config media types of runnable images. A manifest with another config is an artifact. */
  private static final Set<String> IMAGE_CONFIGS =
      Set.of(
          "application/vnd.oci.image.config.v1+json",
          "application/vnd.docker.container.image.v1+json");

  private ManifestMediaTypes() {}

  static boolean isIndex(String mediaType) {
    return INDEXES.contains(normalize(mediaType));
  }

  /** Returns whether the type is an image manifest, an index or the OCI artifact manifest. */
  static boolean isManifest(String mediaType) {
    String type = normalize(mediaType);
    return SINGLE_MANIFESTS.contains(type)
        || INDEXES.contains(type)
        || type.equals(OCI_ARTIFACT_MANIFEST);
  }

  static boolean isArtifactManifest(String mediaType) {
    return normalize(mediaType).equals(OCI_ARTIFACT_MANIFEST);
  }

  static boolean isImageConfig(String mediaType) {
    return IMAGE_CONFIGS.contains(normalize(mediaType));
  }

  private static String normalize(String mediaType) {
    int semicolon = mediaType.indexOf(';');
    String type = semicolon < 0 ? mediaType : mediaType.substring(0, semicolon);
    return type.trim().toLowerCase(Locale.ROOT);
  }
}
