package dev.custos.signer.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Client of the metadata service's Grafeas v1 REST API, for the few routes the signer calls: list
 * occurrences by resource URI (with {@code filter} and {@code pageToken}), create an occurrence and
 * delete one. Safe for concurrent use. Calls block the calling thread.
 */
public final class MetadataClient {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern PROJECT_ID = Pattern.compile("[A-Za-z0-9._~:-]{1,128}");
  private static final Pattern OCCURRENCE_NAME =
      Pattern.compile("projects/[A-Za-z0-9._~:-]{1,128}/occurrences/[A-Za-z0-9._~:-]{1,128}");

  /** Upper bound on the pages of one list call, against a server that repeats page tokens. */
  private static final int MAX_PAGES = 1000;

  private final URI baseUrl;
  private final String authorization;
  private final int pageSize;
  private final Duration requestTimeout;
  private final HttpClient http;

  /**
   * @param baseUrl the service's base URL, such as {@code http://metadata:8081}, without {@code
   *     /v1}
   * @param token the bearer token, or null to send none
   * @param pageSize occurrences requested per page
   * @param requestTimeout time one request may take, connecting included
   */
  public MetadataClient(URI baseUrl, String token, int pageSize, Duration requestTimeout) {
    String url = Objects.requireNonNull(baseUrl, "baseUrl").toString();
    this.baseUrl = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    this.authorization = token == null ? null : "Bearer " + token;
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be at least 1, but is " + pageSize);
    }
    this.pageSize = pageSize;
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    this.http = HttpClient.newBuilder().connectTimeout(requestTimeout).build();
  }

  public URI baseUrl() {
    return baseUrl;
  }

  /**
   * Lists every occurrence of {@code project} about {@code resourceUri}, following {@code
   * nextPageToken} to the last page, with the AIP-160 filter {@code resourceUri="<uri>"}.
   *
   * @throws MetadataServiceException if a request fails or a response is not a list of objects
   */
  public List<JsonNode> listOccurrences(String project, String resourceUri) {
    requireProject(project);
    String filter =
        "resourceUri=\"" + resourceUri.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    List<JsonNode> occurrences = new ArrayList<>();
    Set<String> seenTokens = new HashSet<>();
    String pageToken = "";
    for (int page = 0; page < MAX_PAGES; page++) {
      String query = "filter=" + encode(filter) + "&pageSize=" + pageSize;
      if (!pageToken.isEmpty()) {
        query += "&pageToken=" + encode(pageToken);
      }
      JsonNode body = send(get("/v1/projects/" + project + "/occurrences?" + query), "list");
      JsonNode items = body.path("occurrences");
      if (!items.isMissingNode() && !items.isArray()) {
        throw invalidResponse("list", "occurrences is not an array");
      }
      for (JsonNode item : items) {
        if (!item.isObject()) {
          throw invalidResponse("list", "an element of occurrences is not an object");
        }
        occurrences.add(item);
      }

      pageToken = body.path("nextPageToken").asText("");
      if (pageToken.isEmpty()) {
        return occurrences;
      }
      if (!seenTokens.add(pageToken)) {
        throw invalidResponse("list", "nextPageToken '" + pageToken + "' repeats an earlier one");
      }
    }
    throw invalidResponse("list", "more than " + MAX_PAGES + " pages for " + resourceUri);
  }

  /**
   * Creates an occurrence in {@code project} and returns it as stored, with its server-set name.
   *
   * @throws MetadataServiceException if the request fails or the response has no name
   */
  public JsonNode createOccurrence(String project, ObjectNode occurrence) {
    requireProject(project);
    byte[] body;
    try {
      body = MAPPER.writeValueAsBytes(occurrence);
    } catch (IOException e) {
      throw new IllegalArgumentException("the occurrence cannot be written as JSON", e);
    }
    HttpRequest request =
        request("/v1/projects/" + project + "/occurrences")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    JsonNode created = send(request, "create");
    if (!OCCURRENCE_NAME.matcher(created.path("name").asText("")).matches()) {
      throw invalidResponse("create", "the created occurrence has no valid name");
    }
    return created;
  }

  /**
   * Deletes an occurrence. An occurrence that is already gone (404) counts as deleted.
   *
   * @throws MetadataServiceException if the request fails otherwise
   */
  public void deleteOccurrence(String occurrenceName) {
    if (!OCCURRENCE_NAME.matcher(occurrenceName).matches()) {
      throw new IllegalArgumentException(
          "'" + occurrenceName + "' is not an occurrence name projects/<p>/occurrences/<id>");
    }
    HttpRequest request = request("/v1/" + occurrenceName).DELETE().build();
    try {
      send(request, "delete");
    } catch (MetadataServiceException e) {
      if (e.status() != 404) {
        throw e;
      }
    }
  }

  private HttpRequest get(String pathAndQuery) {
    return request(pathAndQuery).GET().build();
  }

  private HttpRequest.Builder request(String pathAndQuery) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
            .timeout(requestTimeout)
            .header("Accept", "application/json");
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder;
  }

  private JsonNode send(HttpRequest request, String operation) {
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new MetadataServiceException(
          operation + " " + request.uri() + " failed without a response: " + e, 0, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MetadataServiceException(operation + " " + request.uri() + " interrupted", 0, e);
    }

    int status = response.statusCode();
    if (status / 100 != 2) {
      throw new MetadataServiceException(
          operation
              + " "
              + request.method()
              + " "
              + request.uri().getRawPath()
              + " returned HTTP "
              + status
              + errorMessage(response.body()),
          status,
          null);
    }
    try {
      JsonNode body = MAPPER.readTree(response.body());
      if (body == null || !body.isObject()) {
        throw invalidResponse(operation, "the response body is not a JSON object");
      }
      return body;
    } catch (IOException e) {
      throw new MetadataServiceException(
          operation + " returned a body that is not JSON: " + e.getMessage(), status, e);
    }
  }

  /** Returns " <status>: <message>" from a Google API error body, or "" when it has none. */
  private static String errorMessage(byte[] body) {
    try {
      JsonNode error = MAPPER.readTree(body).path("error");
      String message = error.path("message").asText("");
      String status = error.path("status").asText("");
      if (message.isEmpty()) {
        return "";
      }
      return status.isEmpty() ? ": " + message : " " + status + ": " + message;
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private static MetadataServiceException invalidResponse(String operation, String problem) {
    // A malformed response is a fault of the service, so it is retried like an outage.
    return new MetadataServiceException(
        operation + " returned an invalid response: " + problem, 502, null);
  }

  private static void requireProject(String project) {
    if (project == null || !PROJECT_ID.matcher(project).matches()) {
      throw new IllegalArgumentException(
          "'" + project + "' is not a project id: 1 to 128 letters, digits or . _ ~ : -");
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
