package dev.custos.signer.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.custos.events.CustosEvent;
import dev.custos.events.Topics;
import dev.custos.events.cloudevents.CloudEventKafkaCodec;
import dev.custos.events.metadata.OccurrenceCreated;
import dev.custos.events.metadata.OccurrenceDeleted;
import dev.custos.events.metadata.OccurrenceKind;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A small real HTTP server with the metadata service's Grafeas v1 REST contract for the routes the
 * signer calls, as the metadata service's README documents them: list occurrences with {@code
 * filter=resourceUri="..."}, {@code pageSize} and {@code pageToken}; create an occurrence
 * (server-set name, times and kind, a note that must exist); delete one. Errors use the Google API
 * error body and status codes, and every request needs the bearer token {@code custos-dev-token}.
 *
 * <p>Like the metadata service's outbox relay, every write is announced on {@code
 * metadata.occurrences} as a CloudEvent, so the signer receives the same events as in production.
 */
public final class GrafeasContractServer implements AutoCloseable {
  public static final String TOKEN = "custos-dev-token";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern LIST_OR_CREATE = Pattern.compile("/v1/projects/([^/]+)/occurrences");
  private static final Pattern ONE = Pattern.compile("/v1/projects/([^/]+)/occurrences/([^/]+)");
  private static final Pattern FILTER = Pattern.compile("resourceUri=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final HttpServer server;
  private final KafkaProducer<String, byte[]> producer;
  private final String occurrencesTopic;
  private final CloudEventKafkaCodec codec = new CloudEventKafkaCodec();
  private final Map<String, ObjectNode> occurrences = new LinkedHashMap<>();
  private final Set<String> notes = ConcurrentHashMap.newKeySet();
  private final int pageSize;

  private final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile int failureStatus = 503;
  private volatile CountDownLatch createResponseGate;
  private final AtomicInteger listRequests = new AtomicInteger();
  private final AtomicInteger failedRequests = new AtomicInteger();
  private final AtomicInteger creates = new AtomicInteger();

  /**
   * @param pageSize the largest page the server returns, small so that the client must follow
   *     {@code nextPageToken}
   */
  public GrafeasContractServer(String bootstrapServers, String topicPrefix, int pageSize)
      throws IOException {
    this.pageSize = pageSize;
    this.occurrencesTopic = topicPrefix + Topics.METADATA_OCCURRENCES;
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    this.producer = new KafkaProducer<>(properties);

    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext("/", this::handle);
    server.start();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /**
   * Registers a note, since the server rejects occurrences on unknown notes as the real one does.
   */
  public void addNote(String noteName) {
    notes.add(noteName);
  }

  /** Stores an occurrence as if a scanner or CI had created it, and announces it. */
  synchronized ObjectNode addOccurrence(String project, ObjectNode occurrence) {
    ObjectNode stored = store(project, occurrence);
    announce(stored, false);
    return stored;
  }

  /** Deletes an occurrence as if its writer had, and announces the deletion. */
  synchronized void removeOccurrence(String name) {
    ObjectNode removed = occurrences.remove(name);
    if (removed != null) {
      announce(removed, true);
    }
  }

  /** Makes the next {@code count} requests fail with {@code status}. */
  public void failNext(int count, int status) {
    failureStatus = status;
    failuresLeft.set(count);
  }

  /**
   * Makes each create store the occurrence and then hold its response until the gate opens, as a
   * slow network would, so that a test can stop the caller between the two.
   */
  void holdCreateResponses(CountDownLatch gate) {
    createResponseGate = gate;
  }

  synchronized List<ObjectNode> attestations(String resourceUri) {
    List<ObjectNode> found = new ArrayList<>();
    for (ObjectNode occurrence : occurrences.values()) {
      if ("ATTESTATION".equals(occurrence.path("kind").asText())
          && resourceUri.equals(occurrence.path("resourceUri").asText())) {
        found.add(occurrence);
      }
    }
    return found;
  }

  synchronized List<ObjectNode> allAttestations() {
    return occurrences.values().stream()
        .filter(occurrence -> "ATTESTATION".equals(occurrence.path("kind").asText()))
        .toList();
  }

  public int listRequests() {
    return listRequests.get();
  }

  int failedRequests() {
    return failedRequests.get();
  }

  int creates() {
    return creates.get();
  }

  @Override
  public void close() {
    server.stop(0);
    producer.close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      if (!("Bearer " + TOKEN).equals(authorization)) {
        exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
        error(exchange, 401, "UNAUTHENTICATED", "a valid bearer token is required");
        return;
      }
      if (failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
        failedRequests.incrementAndGet();
        error(exchange, failureStatus, "UNAVAILABLE", "the service is unavailable");
        return;
      }

      String path = exchange.getRequestURI().getRawPath();
      String method = exchange.getRequestMethod();
      Matcher list = LIST_OR_CREATE.matcher(path);
      Matcher one = ONE.matcher(path);
      if (list.matches() && method.equals("GET")) {
        list(exchange, list.group(1));
      } else if (list.matches() && method.equals("POST")) {
        create(exchange, list.group(1));
      } else if (one.matches() && method.equals("DELETE")) {
        delete(exchange, "projects/" + one.group(1) + "/occurrences/" + one.group(2));
      } else {
        error(exchange, 404, "NOT_FOUND", "no route " + method + " " + path);
      }
    }
  }

  private void list(HttpExchange exchange, String project) throws IOException {
    listRequests.incrementAndGet();
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    String filter = query.getOrDefault("filter", "");
    Matcher matcher = FILTER.matcher(filter);
    if (!filter.isEmpty() && !matcher.matches()) {
      error(exchange, 400, "INVALID_ARGUMENT", "unsupported filter: " + filter);
      return;
    }
    String resourceUri = filter.isEmpty() ? null : matcher.group(1).replaceAll("\\\\(.)", "$1");
    int size = Math.min(pageSize, Integer.parseInt(query.getOrDefault("pageSize", "100")));
    int start = 0;
    String token = query.get("pageToken");
    if (token != null && !token.isEmpty()) {
      try {
        start =
            Integer.parseInt(
                new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        error(exchange, 400, "INVALID_ARGUMENT", "invalid page token");
        return;
      }
    }

    List<ObjectNode> matching = new ArrayList<>();
    synchronized (this) {
      for (ObjectNode occurrence : occurrences.values()) {
        boolean inProject =
            occurrence.path("name").asText().startsWith("projects/" + project + "/");
        boolean aboutResource =
            resourceUri == null || resourceUri.equals(occurrence.path("resourceUri").asText());
        if (inProject && aboutResource) {
          matching.add(occurrence.deepCopy());
        }
      }
    }
    ObjectNode body = MAPPER.createObjectNode();
    ArrayNode page = body.putArray("occurrences");
    int end = Math.min(matching.size(), start + size);
    for (int i = start; i < end; i++) {
      page.add(matching.get(i));
    }
    if (end < matching.size()) {
      body.put(
          "nextPageToken",
          Base64.getUrlEncoder()
              .encodeToString(Integer.toString(end).getBytes(StandardCharsets.UTF_8)));
    }
    respond(exchange, 200, body);
  }

  private void create(HttpExchange exchange, String project) throws IOException {
    JsonNode body = MAPPER.readTree(exchange.getRequestBody());
    if (body == null || !body.isObject()) {
      error(exchange, 400, "INVALID_ARGUMENT", "the body is not an Occurrence");
      return;
    }
    String noteName = body.path("noteName").asText("");
    if (!notes.contains(noteName)) {
      error(exchange, 400, "INVALID_ARGUMENT", "noteName " + noteName + " does not exist");
      return;
    }
    ObjectNode stored;
    synchronized (this) {
      stored = store(project, (ObjectNode) body);
    }
    creates.incrementAndGet();
    announce(stored, false);

    CountDownLatch gate = createResponseGate;
    if (gate != null) {
      try {
        gate.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    respond(exchange, 200, stored);
  }

  private void delete(HttpExchange exchange, String name) throws IOException {
    ObjectNode removed;
    synchronized (this) {
      removed = occurrences.remove(name);
    }
    if (removed == null) {
      error(exchange, 404, "NOT_FOUND", name + " not found");
      return;
    }
    announce(removed, true);
    respond(exchange, 200, MAPPER.createObjectNode());
  }

  private ObjectNode store(String project, ObjectNode occurrence) {
    ObjectNode stored = occurrence.deepCopy();
    String now = Instant.now().toString();
    stored.put("name", "projects/" + project + "/occurrences/" + UUID.randomUUID());
    stored.put("createTime", now);
    stored.put("updateTime", now);
    if (!stored.has("kind")) {
      stored.put("kind", kindOf(stored));
    }
    occurrences.put(stored.get("name").asText(), stored);
    return stored;
  }

  private static String kindOf(ObjectNode occurrence) {
    for (String detail : List.of("attestation", "vulnerability", "build", "discovery")) {
      if (occurrence.has(detail)) {
        return detail.toUpperCase(java.util.Locale.ROOT);
      }
    }
    return "NOTE_KIND_UNSPECIFIED";
  }

  private void announce(ObjectNode occurrence, boolean deleted) {
    String name = occurrence.get("name").asText();
    OccurrenceKind kind = OccurrenceKind.valueOf(occurrence.get("kind").asText());
    String resourceUri = occurrence.get("resourceUri").asText();
    String noteName = occurrence.get("noteName").asText();
    CustosEvent event =
        deleted
            ? new OccurrenceDeleted(name, kind, resourceUri, noteName, occurrence)
            : new OccurrenceCreated(name, kind, resourceUri, noteName, occurrence);
    try {
      producer
          .send(
              codec
                  .encode(event, URI.create("/custos/metadata-service"))
                  .toProducerRecord(occurrencesTopic))
          .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("announcing " + name + " failed", e);
    }
  }

  private static Map<String, String> query(String rawQuery) {
    Map<String, String> values = new LinkedHashMap<>();
    if (rawQuery == null) {
      return values;
    }
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      String key = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      values.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return values;
  }

  private static void error(HttpExchange exchange, int status, String code, String message)
      throws IOException {
    ObjectNode body = MAPPER.createObjectNode();
    ObjectNode error = body.putObject("error");
    error.put("code", status);
    error.put("message", message);
    error.put("status", code);
    respond(exchange, status, body);
  }

  private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = MAPPER.writeValueAsBytes(body);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
