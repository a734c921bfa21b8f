package dev.custos.admission.fallback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custos.admission.AdmissionConfig;
import dev.custos.admission.LogKeys;
import dev.custos.admission.cache.CacheSnapshot;
import dev.custos.admission.cache.VerifiedDigestCache;
import dev.custos.admission.fallback.MetadataQueryException.Outcome;
import dev.custos.admission.policy.LoadedPolicy;
import dev.custos.admission.verify.AttestationVerifier;
import dev.custos.admission.verify.Attestor;
import dev.custos.admission.verify.VerificationResult;
import dev.custos.events.image.ImageReference;
import dev.custos.events.metadata.OccurrenceCreated;
import dev.custos.events.metadata.OccurrenceKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queries the metadata service on a cache miss, when {@code custos.admission.metadata.url} is set.
 * For each image and each note of its missing attestors, one bounded query lists the occurrences on
 * that note for the image's resource URI. Each occurrence returned is verified exactly as one from
 * the topic, with {@link AttestationVerifier} and only the policy's keys, and added to the {@link
 * VerifiedDigestCache} when it verifies.
 *
 * <p>Nothing here blocks the event loop: the HTTP exchange is asynchronous, and parsing and
 * verification run on a worker thread. Queries are bounded by {@link QueryLimiter}, identical
 * queries in flight are shared, and a query that found nothing is remembered for {@code
 * negative-cache-ttl}.
 */
@ApplicationScoped
public class MetadataFallback {
  private static final Logger log = LoggerFactory.getLogger(MetadataFallback.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Maximum number of queries for one review; images beyond it count as failed lookups. */
  static final int MAX_QUERIES_PER_REVIEW = 8;

  private static final Duration TOKEN_RELOAD_INTERVAL = Duration.ofMinutes(1);

  private final AdmissionConfig.Metadata config;
  private final Vertx vertx;
  private final VerifiedDigestCache cache;
  private final MeterRegistry registry;
  private final AttestationVerifier verifier = new AttestationVerifier();
  private final Map<String, Future<Set<String>>> inFlight = new ConcurrentHashMap<>();
  private final Map<String, Counter> outcomes = new HashMap<>();
  private final List<Meter> meters = new ArrayList<>();
  private final Timer queryTimer;
  private final NegativeCache negative;
  private final QueryLimiter limiter;

  private volatile MetadataClient client;
  private volatile BearerToken token;
  private long tokenTimer = -1;

  MetadataFallback(
      AdmissionConfig config, Vertx vertx, VerifiedDigestCache cache, MeterRegistry registry) {
    this.config = config.metadata();
    this.vertx = vertx;
    this.cache = cache;
    this.registry = registry;
    this.negative =
        new NegativeCache(
            this.config.negativeCacheTtl().toNanos(), this.config.negativeCacheMaxEntries());
    this.limiter =
        new QueryLimiter(
            this.config.maxConcurrentQueries(),
            this.config.maxQueriesPerSecond(),
            System.nanoTime());
    for (String outcome :
        List.of("found", "not_found", "negative_cached", "timeout", "shed", "error")) {
      Counter counter =
          Counter.builder("custos.admission.metadata.queries")
              .description("Metadata-service queries on a cache miss, by outcome")
              .tag("outcome", outcome)
              .register(registry);
      outcomes.put(outcome, counter);
      meters.add(counter);
    }
    this.queryTimer =
        Timer.builder("custos.admission.metadata.query.duration")
            .description("Time of one metadata-service query, verification included")
            .register(registry);
    meters.add(queryTimer);
    meters.add(
        Gauge.builder(
                "custos.admission.metadata.queries.in.flight", limiter, QueryLimiter::inFlight)
            .description("Metadata-service queries in flight")
            .register(registry));
    meters.add(
        Gauge.builder("custos.admission.metadata.negative.entries", negative, NegativeCache::size)
            .description("Remembered metadata-service queries that found no verified attestation")
            .register(registry));
  }

  void onStart(@Observes StartupEvent event) {
    if (config.url().isEmpty()) {
      log.atInfo().log("No custos.admission.metadata.url; a cache miss is not queried");
      return;
    }
    URI url = validate(config);
    token = BearerToken.from(config.token());
    client =
        new MetadataClient(
            vertx,
            url,
            config.timeout().toMillis(),
            config.maxConcurrentQueries(),
            token,
            config.trustCertificateFile().orElse(null));
    if (token.fromFile()) {
      tokenTimer = vertx.setPeriodic(TOKEN_RELOAD_INTERVAL.toMillis(), id -> reloadToken());
    }
    log.atInfo()
        .addKeyValue("url", url)
        .addKeyValue("timeoutMs", config.timeout().toMillis())
        .log("A cache miss queries the metadata service");
  }

  void onStop(@Observes ShutdownEvent event) {
    // A registry can outlive the application (Quarkus tests restart it in one JVM).
    meters.forEach(registry::remove);
    if (tokenTimer >= 0) {
      vertx.cancelTimer(tokenTimer);
    }
    MetadataClient current = client;
    if (current != null) {
      current.close();
    }
  }

  /**
   * Checks the settings and returns the URL.
   *
   * @throws IllegalStateException naming the property and the fix
   */
  public static URI validate(AdmissionConfig.Metadata config) {
    String text = config.url().orElseThrow();
    URI url;
    try {
      url = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(
          "custos.admission.metadata.url \"" + text + "\" is not a URL: " + e.getMessage(), e);
    }
    String scheme = url.getScheme();
    if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
        || url.getHost() == null
        || url.getRawQuery() != null
        || url.getRawFragment() != null) {
      throw new IllegalStateException(
          "custos.admission.metadata.url \""
              + text
              + "\" must be an http or https URL with a host and no query, such as"
              + " https://custos-metadata:8081");
    }
    if (config.timeout().isZero() || config.timeout().isNegative()) {
      throw new IllegalStateException(
          "custos.admission.metadata.timeout must be positive, but is " + config.timeout());
    }
    if (config.negativeCacheTtl().isNegative()) {
      throw new IllegalStateException(
          "custos.admission.metadata.negative-cache-ttl must not be negative, but is "
              + config.negativeCacheTtl());
    }
    requireAtLeastOne(
        "custos.admission.metadata.max-concurrent-queries", config.maxConcurrentQueries());
    requireAtLeastOne(
        "custos.admission.metadata.max-queries-per-second", config.maxQueriesPerSecond());
    requireAtLeastOne(
        "custos.admission.metadata.negative-cache-max-entries", config.negativeCacheMaxEntries());
    return url;
  }

  private static void requireAtLeastOne(String property, int value) {
    if (value < 1) {
      throw new IllegalStateException(property + " must be at least 1, but is " + value);
    }
  }

  /** Returns whether a cache miss queries the metadata service. */
  public boolean enabled() {
    return client != null;
  }

  /**
   * Queries the metadata service for {@code misses} under {@code policy}, the policy of the
   * snapshot that decided them. The future never fails: a failed query is in {@link
   * FallbackResult#failures()}.
   */
  public Future<FallbackResult> lookUp(LoadedPolicy policy, List<Miss> misses) {
    Map<String, Set<String>> verified = new ConcurrentHashMap<>();
    Map<String, String> failures = new ConcurrentHashMap<>();
    List<Future<?>> queries = new ArrayList<>();
    int count = 0;
    for (Miss miss : misses) {
      String imageKey = CacheSnapshot.key(miss.image());
      for (Map.Entry<String, List<Attestor>> note : byNote(miss.attestors()).entrySet()) {
        if (++count > MAX_QUERIES_PER_REVIEW) {
          failures.putIfAbsent(
              imageKey,
              "the review needs more than "
                  + MAX_QUERIES_PER_REVIEW
                  + " metadata-service queries, so "
                  + miss.image().canonicalByDigest().orElseThrow()
                  + " was not looked up");
          continue;
        }
        Future<Set<String>> query = query(policy, miss.image(), note.getKey(), note.getValue());
        queries.add(
            query.onComplete(
                done -> {
                  if (done.succeeded()) {
                    if (!done.result().isEmpty()) {
                      verified.merge(imageKey, done.result(), MetadataFallback::union);
                    }
                  } else {
                    failures.putIfAbsent(imageKey, done.cause().getMessage());
                  }
                }));
      }
    }
    if (queries.isEmpty()) {
      return Future.succeededFuture(new FallbackResult(verified, failures));
    }
    return Future.join(queries)
        .transform(done -> Future.succeededFuture(new FallbackResult(verified, failures)));
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new TreeSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }

  private static Map<String, List<Attestor>> byNote(List<Attestor> attestors) {
    Map<String, List<Attestor>> byNote = new LinkedHashMap<>();
    for (Attestor attestor : attestors) {
      byNote.computeIfAbsent(attestor.noteName(), k -> new ArrayList<>()).add(attestor);
    }
    return byNote;
  }

  /** Returns the names of {@code attestors} that an occurrence on {@code note} verifies for. */
  private Future<Set<String>> query(
      LoadedPolicy policy, ImageReference image, String note, List<Attestor> attestors) {
    String key = policy.revision() + " " + CacheSnapshot.key(image) + " " + note;
    long now = System.nanoTime();
    if (negative.contains(key, now)) {
      outcomes.get("negative_cached").increment();
      return Future.succeededFuture(Set.of());
    }
    Future<Set<String>> running = inFlight.get(key);
    if (running != null) {
      return running;
    }
    if (!limiter.tryAcquire(now)) {
      outcomes.get("shed").increment();
      return Future.failedFuture(
          new MetadataQueryException(
              Outcome.SHED,
              "the metadata-service query for "
                  + image.canonicalByDigest().orElseThrow()
                  + " was not sent, because the limit of "
                  + limiter.describe()
                  + " is reached"));
    }

    String project = note.substring("projects/".length(), note.indexOf("/notes/"));
    String resourceUri = image.resourceUri().orElseThrow();
    String filter = "resourceUri=\"" + resourceUri + "\" AND noteName=\"" + note + "\"";
    Future<Set<String>> result =
        client
            .listOccurrences(project, filter)
            .compose(body -> vertx.executeBlocking(() -> verify(body, image, attestors), false));
    // Registered before the completion handler, which removes it, so that a future that has
    // already completed cannot stay in the map.
    inFlight.put(key, result);
    result.onComplete(done -> finish(key, now, image, done));
    return result;
  }

  private void finish(
      String key, long startNanos, ImageReference image, AsyncResult<Set<String>> done) {
    inFlight.remove(key);
    limiter.release();
    queryTimer.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    if (done.succeeded()) {
      if (done.result().isEmpty()) {
        outcomes.get("not_found").increment();
        negative.add(key, System.nanoTime());
      } else {
        outcomes.get("found").increment();
      }
      return;
    }
    Outcome outcome =
        done.cause() instanceof MetadataQueryException query ? query.outcome() : Outcome.ERROR;
    outcomes.get(outcome.name().toLowerCase(Locale.ROOT)).increment();
    log.atWarn()
        .addKeyValue(LogKeys.DIGEST, image.digest())
        .log("Metadata-service query failed: {}", done.cause().getMessage());
  }

  /**
   * Parses a list response and verifies each occurrence for {@code image} with the keys of {@code
   * attestors}; runs on a worker thread. Verified occurrences are queued for the cache.
   */
  private Set<String> verify(Buffer body, ImageReference image, List<Attestor> attestors) {
    JsonNode occurrences = occurrencesOf(body);
    String imageKey = CacheSnapshot.key(image);
    Set<String> verified = new TreeSet<>();
    List<OccurrenceCreated> toCache = new ArrayList<>();
    int read = 0;
    for (JsonNode occurrence : occurrences) {
      if (++read > MetadataClient.PAGE_SIZE) {
        break;
      }
      OccurrenceCreated event = asEvent(occurrence, imageKey);
      if (event == null) {
        continue;
      }
      boolean any = false;
      for (Attestor attestor : attestors) {
        if (verifies(attestor, occurrence, image)) {
          verified.add(attestor.name());
          any = true;
        }
      }
      if (any) {
        toCache.add(event);
      }
    }
    if (!toCache.isEmpty()) {
      // The cache verifies again under its own lock, which a policy reload may hold for long, so
      // the response does not wait for it.
      vertx.executeBlocking(() -> addToCache(toCache), false);
    }
    return Set.copyOf(verified);
  }

  private Void addToCache(List<OccurrenceCreated> events) {
    for (OccurrenceCreated event : events) {
      cache.putQueried(event);
    }
    return null;
  }

  private boolean verifies(Attestor attestor, JsonNode occurrence, ImageReference image) {
    try {
      VerificationResult result = verifier.verify(attestor, occurrence, image);
      if (!result.verified()) {
        log.atInfo()
            .addKeyValue(LogKeys.OCCURRENCE, occurrence.path("name").asText())
            .addKeyValue(LogKeys.ATTESTOR, attestor.name())
            .addKeyValue(LogKeys.DIGEST, image.digest())
            .log("Queried attestation not verified: {}", result.failures());
      }
      return result.verified();
    } catch (RuntimeException e) {
      log.atWarn()
          .addKeyValue(LogKeys.ATTESTOR, attestor.name())
          .setCause(e)
          .log("Verifying a queried attestation failed; it counts as not verified");
      return false;
    }
  }

  private static JsonNode occurrencesOf(Buffer body) {
    JsonNode root;
    try {
      root = JSON.readTree(body.getBytes());
    } catch (IOException e) {
      throw new MetadataQueryException(
          Outcome.ERROR, "the metadata service responded with invalid JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new MetadataQueryException(
          Outcome.ERROR, "the metadata service responded with JSON that is not an object");
    }
    JsonNode occurrences = root.path("occurrences");
    if (occurrences.isMissingNode() || occurrences.isNull()) {
      return JSON.createArrayNode();
    }
    if (!occurrences.isArray()) {
      throw new MetadataQueryException(
          Outcome.ERROR, "the metadata service responded with \"occurrences\" that is not a list");
    }
    return occurrences;
  }

  /**
   * Returns the occurrence as a cache event, or null when it lacks a name or note, or names another
   * image than the one queried (the filter is the server's, and the server is not trusted).
   */
  private static OccurrenceCreated asEvent(JsonNode occurrence, String imageKey) {
    String resourceUri = occurrence.path("resourceUri").textValue();
    if (resourceUri == null) {
      return null;
    }
    try {
      ImageReference subject = ImageReference.parseResourceUri(resourceUri);
      if (!CacheSnapshot.key(subject).equals(imageKey)) {
        return null;
      }
      return new OccurrenceCreated(
          occurrence.path("name").textValue(),
          OccurrenceKind.ATTESTATION,
          resourceUri,
          occurrence.path("noteName").textValue(),
          occurrence);
    } catch (IllegalArgumentException | NullPointerException e) {
      return null;
    }
  }

  private void reloadToken() {
    vertx.executeBlocking(
        () -> {
          try {
            token.reload();
          } catch (IllegalStateException e) {
            log.atWarn()
                .log("Bearer token not reloaded; the previous one stays: {}", e.getMessage());
          }
          return null;
        },
        false);
  }
}
