package dev.custos.admission.webhook;

import dev.custos.admission.AdmissionConfig;
import dev.custos.admission.LogKeys;
import dev.custos.admission.cache.CacheSnapshot;
import dev.custos.admission.cache.VerifiedDigestCache;
import dev.custos.admission.decision.AdmissionDecider;
import dev.custos.admission.decision.AdmissionDecision;
import dev.custos.admission.decision.DecisionReason;
import dev.custos.admission.decision.ImageVerdict;
import dev.custos.admission.decision.VerifiedAttestations;
import dev.custos.admission.fallback.FallbackResult;
import dev.custos.admission.fallback.MetadataFallback;
import dev.custos.admission.fallback.Miss;
import dev.custos.admission.policy.OnError;
import dev.custos.admission.policy.PolicyLoader;
import dev.custos.admission.policy.Rule;
import dev.custos.admission.review.AdmissionRequest;
import dev.custos.admission.review.AdmissionReviewParser;
import dev.custos.admission.review.InvalidAdmissionReviewException;
import dev.custos.admission.revocation.RevocationReporter;
import dev.custos.events.admission.AdmissionDecided;
import dev.custos.events.admission.EnforcementMode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Handles one AdmissionReview: parses it, decides it from memory against the policy and the
 * verified-digest cache, records metrics, queues the decision event and renders the response. A
 * cache miss may query the metadata service ({@link MetadataFallback}), within the decision
 * deadline. It never blocks, and every failure after parsing denies the request (fail closed)
 * unless the rule sets {@code onError: ALLOW}.
 */
@ApplicationScoped
public class AdmissionWebhook {
  private static final Logger log = LoggerFactory.getLogger(AdmissionWebhook.class);

  /** The policy revision recorded when no policy could decide. */
  static final String NO_POLICY = "none";

  private final AdmissionReviewParser parser = new AdmissionReviewParser();
  private final VerifiedDigestCache cache;
  private final PolicyLoader policyLoader;
  private final DecisionPublisher publisher;
  private final RevocationReporter revocations;
  private final MetadataFallback fallback;
  private final Vertx vertx;
  private final long deadlineNanos;
  private final MeterRegistry registry;
  private final Timer decisionTimer;
  private final Counter invalidReviews;
  private final Map<String, Counter> decisionCounters = new ConcurrentHashMap<>();

  AdmissionWebhook(
      VerifiedDigestCache cache,
      PolicyLoader policyLoader,
      DecisionPublisher publisher,
      RevocationReporter revocations,
      MetadataFallback fallback,
      AdmissionConfig config,
      Vertx vertx,
      MeterRegistry registry) {
    this.cache = cache;
    this.fallback = fallback;
    this.vertx = vertx;
    this.deadlineNanos = config.decisionDeadline().toNanos();
    this.policyLoader = policyLoader;
    this.publisher = publisher;
    this.revocations = revocations;
    this.registry = registry;
    this.decisionTimer =
        Timer.builder("custos.admission.decision.duration")
            .description("Time to parse and decide one AdmissionReview, without HTTP")
            .publishPercentileHistogram()
            .register(registry);
    this.invalidReviews =
        Counter.builder("custos.admission.reviews.invalid")
            .description("Request bodies rejected with 400 because they are not an AdmissionReview")
            .register(registry);
  }

  void onStop(@Observes ShutdownEvent event) {
    // A registry can outlive the application (Quarkus tests restart it in one JVM).
    registry.remove(decisionTimer);
    registry.remove(invalidReviews);
    decisionCounters.values().forEach(registry::remove);
  }

  /**
   * Handles the body of {@code POST /validate}. The future completes on the event loop, within the
   * decision deadline when a metadata-service query is needed, and never fails.
   */
  public Future<WebhookResponse> handle(byte[] body) {
    long startNanos = System.nanoTime();
    AdmissionRequest request;
    try {
      request = parser.parse(body);
    } catch (InvalidAdmissionReviewException e) {
      invalidReviews.increment();
      log.atInfo().log("Invalid AdmissionReview rejected with 400: {}", e.getMessage());
      return Future.succeededFuture(
          new WebhookResponse(
              400, WebhookResponse.PROBLEM_TYPE, AdmissionResponses.invalidReview(e.getMessage())));
    }

    CacheSnapshot snapshot = cache.snapshot();
    if (snapshot == null) {
      return Future.succeededFuture(finish(request, noPolicy(request), null, Map.of(), startNanos));
    }
    RecordingLookup lookup = new RecordingLookup(snapshot);
    AdmissionDecision decision = decide(request, snapshot, lookup);
    List<Miss> misses = List.of();
    if (fallback.enabled()) {
      try {
        misses = lookup.misses(decision, ruleOf(request, snapshot));
      } catch (RuntimeException e) {
        log.atError()
            .addKeyValue(LogKeys.UID, request.uid())
            .setCause(e)
            .log("Finding the cache misses failed; the request is decided from the cache alone");
      }
    }
    if (misses.isEmpty()) {
      return Future.succeededFuture(finish(request, decision, snapshot, Map.of(), startNanos));
    }
    return decideWithFallback(request, snapshot, decision, misses, startNanos);
  }

  /**
   * Queries the metadata service for {@code misses} and decides again with what it verified. When
   * the deadline comes first, the rule's {@code onError} decides.
   */
  private Future<WebhookResponse> decideWithFallback(
      AdmissionRequest request,
      CacheSnapshot snapshot,
      AdmissionDecision cached,
      List<Miss> misses,
      long startNanos) {
    Promise<Outcome> outcome = Promise.promise();
    long remainingMs = Math.max(1, (deadlineNanos - (System.nanoTime() - startNanos)) / 1_000_000);
    long timer =
        vertx.setTimer(
            remainingMs,
            id ->
                outcome.tryComplete(
                    new Outcome(
                        onError(
                            request,
                            snapshot,
                            cached,
                            DecisionReason.DEADLINE_EXCEEDED,
                            "the decision did not finish within the deadline of "
                                + deadlineNanos / 1_000_000
                                + " ms while the metadata service was queried for "
                                + imagesOf(misses)),
                        Map.of())));
    fallback
        .lookUp(snapshot.policy(), misses)
        .onComplete(
            done -> {
              vertx.cancelTimer(timer);
              if (outcome.future().isComplete()) {
                return;
              }
              if (done.failed()) {
                outcome.tryComplete(new Outcome(internalError(request, done.cause()), Map.of()));
                return;
              }
              try {
                outcome.tryComplete(redecide(request, snapshot, done.result()));
              } catch (RuntimeException e) {
                outcome.tryComplete(new Outcome(internalError(request, e), Map.of()));
              }
            });
    return outcome
        .future()
        .map(done -> finish(request, done.decision(), snapshot, done.queried(), startNanos));
  }

  /** A decision with the attestors that metadata-service queries verified for it, by image key. */
  private record Outcome(AdmissionDecision decision, Map<String, Set<String>> queried) {}

  /**
   * Decides again with the cache and what the queries verified. When the request is still denied
   * and each denied image had a failed query, the rule's {@code onError} decides.
   */
  private Outcome redecide(
      AdmissionRequest request, CacheSnapshot snapshot, FallbackResult result) {
    VerifiedAttestations merged = withQueried(snapshot, result.verified());
    AdmissionDecision decision = decide(request, snapshot, merged);
    if (decision.allowed() || result.failures().isEmpty()) {
      return new Outcome(decision, result.verified());
    }
    Set<String> failed = new LinkedHashSet<>();
    for (ImageVerdict verdict : decision.images()) {
      if (!verdict.denied()) {
        continue;
      }
      String key = RecordingLookup.keyOf(verdict);
      if (key == null || !result.failures().containsKey(key)) {
        return new Outcome(decision, result.verified());
      }
      failed.add(result.failures().get(key));
    }
    String detail = "the metadata-service query failed: " + String.join("; ", failed);
    return new Outcome(
        onError(request, snapshot, decision, DecisionReason.LOOKUP_FAILED, detail),
        result.verified());
  }

  private static VerifiedAttestations withQueried(
      CacheSnapshot snapshot, Map<String, Set<String>> queried) {
    if (queried.isEmpty()) {
      return snapshot;
    }
    return image -> {
      Set<String> cached = snapshot.attestorsFor(image);
      Set<String> extra = queried.get(CacheSnapshot.key(image));
      if (extra == null) {
        return cached;
      }
      Set<String> all = new TreeSet<>(cached);
      all.addAll(extra);
      return all;
    };
  }

  /**
   * Returns the decision for an attestation check that could not finish: a denial that names the
   * images and the cause (fail closed), or, when the rule sets {@code onError: ALLOW}, an admission
   * with a warning.
   */
  private static AdmissionDecision onError(
      AdmissionRequest request,
      CacheSnapshot snapshot,
      AdmissionDecision decision,
      DecisionReason reason,
      String detail) {
    Rule rule = ruleOf(request, snapshot);
    if (rule.onError() == OnError.ALLOW) {
      String warning =
          "failed open: "
              + detail
              + "; rule "
              + rule.name()
              + " admits the request (onError: ALLOW), which the policy would otherwise deny: "
              + decision.message();
      List<String> warnings = new ArrayList<>(decision.warnings());
      warnings.add(warning);
      return with(decision, true, DecisionReason.FAILED_OPEN, warning, warnings);
    }
    String message =
        decision.message()
            + " The attestations could not be checked, so rule "
            + rule.name()
            + " denies (onError: DENY): "
            + detail;
    return with(decision, false, reason, message, decision.warnings());
  }

  private static AdmissionDecision with(
      AdmissionDecision decision,
      boolean allowed,
      DecisionReason reason,
      String message,
      List<String> warnings) {
    return new AdmissionDecision(
        allowed,
        reason,
        message,
        decision.images(),
        warnings,
        decision.ruleName(),
        decision.enforcementMode(),
        decision.breakglass(),
        decision.dryRun(),
        decision.policyRevision());
  }

  private static Rule ruleOf(AdmissionRequest request, CacheSnapshot snapshot) {
    return snapshot.policy().policy().ruleFor(request.namespace());
  }

  private static String imagesOf(List<Miss> misses) {
    List<String> images = new ArrayList<>();
    for (Miss miss : misses) {
      images.add(miss.image().canonicalByDigest().orElseThrow());
    }
    return String.join(", ", images);
  }

  /** Records metrics, logs, queues the event and renders the response of a decision. */
  private WebhookResponse finish(
      AdmissionRequest request,
      AdmissionDecision decision,
      CacheSnapshot snapshot,
      Map<String, Set<String>> queried,
      long startNanos) {
    decisionTimer.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    count(decision);
    logDecision(request, decision);
    publish(request, decision);
    if (snapshot != null) {
      recordAdmission(request, decision, snapshot, withQueried(snapshot, queried));
    }
    return new WebhookResponse(
        200, WebhookResponse.REVIEW_TYPE, AdmissionResponses.review(request, decision));
  }

  private AdmissionDecision noPolicy(AdmissionRequest request) {
    String problem = policyLoader.problem();
    return failClosed(
        request,
        DecisionReason.POLICY_UNAVAILABLE,
        "denied because no valid admission policy is loaded ("
            + (problem == null ? "the policy is being loaded" : problem)
            + "); every request is denied until one is");
  }

  private AdmissionDecision decide(
      AdmissionRequest request, CacheSnapshot snapshot, VerifiedAttestations lookup) {
    try {
      return AdmissionDecider.decide(request, snapshot.policy().policy(), lookup);
    } catch (RuntimeException e) {
      return internalError(request, e);
    }
  }

  private static AdmissionDecision internalError(AdmissionRequest request, Throwable e) {
    log.atError()
        .addKeyValue(LogKeys.UID, request.uid())
        .setCause(e)
        .log("Deciding an AdmissionReview failed; it is denied");
    return failClosed(
        request,
        DecisionReason.INTERNAL_ERROR,
        "denied because the admission service failed to decide: " + e);
  }

  private static AdmissionDecision failClosed(
      AdmissionRequest request, DecisionReason reason, String message) {
    return new AdmissionDecision(
        false,
        reason,
        message,
        List.of(),
        List.of(),
        NO_POLICY,
        EnforcementMode.ENFORCE,
        false,
        request.dryRun(),
        NO_POLICY);
  }

  private void count(AdmissionDecision decision) {
    String result = decision.allowed() ? "allowed" : "denied";
    String key = result + "/" + decision.reason();
    decisionCounters
        .computeIfAbsent(
            key,
            k ->
                Counter.builder("custos.admission.decisions")
                    .description("AdmissionReview decisions by result and reason")
                    .tag("result", result)
                    .tag("reason", decision.reason().name())
                    .register(registry))
        .increment();
  }

  /** Logs denials, breakglass and dry-run admissions at INFO, and other admissions at DEBUG. */
  private static void logDecision(AdmissionRequest request, AdmissionDecision decision) {
    boolean notable =
        !decision.allowed() || decision.breakglass() || decision.reason() == DecisionReason.DRY_RUN;
    LoggingEventBuilder event = notable ? log.atInfo() : log.atDebug();
    event
        .addKeyValue(LogKeys.UID, request.uid())
        .addKeyValue(LogKeys.NAMESPACE, request.namespace())
        .addKeyValue(LogKeys.KIND, request.kind().kind())
        .addKeyValue(LogKeys.NAME, request.workloadName())
        .addKeyValue(LogKeys.ALLOWED, decision.allowed())
        .addKeyValue(LogKeys.REASON, decision.reason())
        .addKeyValue(LogKeys.POLICY_REVISION, decision.policyRevision())
        .log("Admission decided: {}", decision.message());
  }

  private void publish(AdmissionRequest request, AdmissionDecision decision) {
    AdmissionDecided event;
    try {
      event = decision.toEvent(request);
    } catch (RuntimeException e) {
      log.atWarn()
          .addKeyValue(LogKeys.UID, request.uid())
          .setCause(e)
          .log("Decision event not built; the decision is not published");
      return;
    }
    publisher.offer(event);
  }

  /** Records an admission on attestations, so that losing them can be reported. */
  private void recordAdmission(
      AdmissionRequest request,
      AdmissionDecision decision,
      CacheSnapshot snapshot,
      VerifiedAttestations lookup) {
    try {
      revocations.record(request, decision, snapshot.policy().policy(), lookup);
    } catch (RuntimeException e) {
      log.atWarn()
          .addKeyValue(LogKeys.UID, request.uid())
          .setCause(e)
          .log("Admission not recorded; losing its attestations will not be reported");
    }
  }
}
