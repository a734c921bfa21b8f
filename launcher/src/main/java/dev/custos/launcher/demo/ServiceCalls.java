package dev.custos.launcher.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custos.launcher.LocalHttp;
import dev.custos.launcher.LocalSystem;
import dev.custos.launcher.Ports;
import dev.custos.launcher.Service;
import java.io.IOException;
import java.util.Optional;

/**
 * The walkthrough's calls to the metadata and admission services. Every failure, and every response
 * other than the expected one, raises {@link StepFailedException} with the status and body.
 */
final class ServiceCalls {

  private final LocalHttp http;
  private final ObjectMapper json;
  private final Ports ports;

  ServiceCalls(LocalHttp http, ObjectMapper json, Ports ports) {
    this.http = http;
    this.json = json;
    this.ports = ports;
  }

  /** Creates a metadata resource with {@code POST path}; one that exists already (409) is fine. */
  void metadataCreate(String path, String body) {
    LocalHttp.Response response =
        post(
            Service.METADATA.baseUrl(ports) + path,
            body,
            "Authorization",
            "Bearer " + LocalSystem.METADATA_TOKEN,
            "Content-Type",
            "application/json");
    if (response.status() != 200 && response.status() != 409) {
      throw new StepFailedException(
          "POST " + path + " returned " + response.status() + ": " + response.body());
    }
  }

  /** Returns the first occurrence on {@code note} about {@code image}, if it exists yet. */
  Optional<JsonNode> occurrence(String note, String image) {
    String project = note.substring("projects/".length(), note.indexOf("/notes/"));
    LocalHttp.Response response =
        get(
            Service.METADATA.baseUrl(ports)
                + "/v1/projects/"
                + project
                + "/occurrences?pageSize=1000",
            "Authorization",
            "Bearer " + LocalSystem.METADATA_TOKEN);
    for (JsonNode occurrence : parse(response.body()).path("occurrences")) {
      if (occurrence.path("noteName").asText().equals(note)
          && occurrence.path("resourceUri").asText().endsWith(image)) {
        return Optional.of(occurrence);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the policy revision that the admission service reports as loaded, if it reports one.
   */
  Optional<String> admissionPolicyRevision() {
    LocalHttp.Response response = get(Service.ADMISSION.baseUrl(ports) + "/q/health/ready");
    for (JsonNode check : parse(response.body()).path("checks")) {
      if (check.path("name").asText().equals("admission")) {
        return Optional.ofNullable(check.path("data").path("policyRevision").textValue());
      }
    }
    return Optional.empty();
  }

  /**
   * Sends an AdmissionReview to {@code POST /validate} and returns the response review, after
   * checking that it echoes {@code uid}.
   */
  JsonNode sendReview(String review, String uid) {
    LocalHttp.Response response =
        post(
            Service.ADMISSION.baseUrl(ports) + "/validate?timeout=5s",
            review,
            "Content-Type",
            "application/json");
    if (response.status() != 200) {
      throw new StepFailedException(
          "the admission service returned " + response.status() + ": " + response.body());
    }
    JsonNode answer = parse(response.body());
    if (!answer.path("response").path("uid").asText().equals(uid)) {
      throw new StepFailedException(
          "the response does not echo the request uid: " + response.body());
    }
    return answer;
  }

  LocalHttp.Response get(String url, String... headers) {
    try {
      return http.get(url, headers);
    } catch (IOException e) {
      throw new StepFailedException("GET " + url + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StepFailedException("interrupted during GET " + url);
    }
  }

  LocalHttp.Response post(String url, String body, String... headers) {
    try {
      return http.post(url, body, headers);
    } catch (IOException e) {
      throw new StepFailedException("POST " + url + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StepFailedException("interrupted during POST " + url);
    }
  }

  JsonNode parse(String text) {
    try {
      return json.readTree(text);
    } catch (IOException e) {
      String start = text.length() <= 200 ? text : text.substring(0, 197) + "...";
      throw new StepFailedException("the response is not JSON: " + start, e);
    }
  }
}
