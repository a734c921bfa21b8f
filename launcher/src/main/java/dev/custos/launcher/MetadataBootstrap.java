package dev.custos.launcher;

import java.io.IOException;

/**
 * Creates, through the metadata API, the project and note that the signer's workflow rule names,
 * since the metadata service rejects an occurrence whose note does not exist. Both calls accept an
 * existing resource, so a restart on kept data repeats them harmlessly.
 */
final class MetadataBootstrap {

  private final LocalHttp http;
  private final String metadataUrl;

  MetadataBootstrap(LocalHttp http, String metadataUrl) {
    this.http = http;
    this.metadataUrl = metadataUrl;
  }

  void createAuthorityNote() {
    create("/v1/projects", "{\"name\":\"projects/custos\"}");
    create(
        "/v1/projects/custos/notes?noteId=built-by-ci",
        "{\"shortDescription\":\"Built by the CI pipeline and signed by the signer service\","
            + "\"attestation\":{\"hint\":{\"humanReadableName\":\"built-by-ci\"}}}");
  }

  private void create(String path, String body) {
    try {
      LocalHttp.Response response =
          http.post(
              metadataUrl + path,
              body,
              "Authorization",
              "Bearer " + LocalSystem.METADATA_TOKEN,
              "Content-Type",
              "application/json");
      if (response.status() != 200 && response.status() != 409) {
        throw new LauncherException(
            "POST "
                + path
                + " on the metadata service returned "
                + response.status()
                + ": "
                + response.body());
      }
    } catch (IOException e) {
      throw new LauncherException("POST " + path + " on the metadata service failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LauncherException("interrupted while calling the metadata service");
    }
  }
}
