package dev.custos.admission.webhook;

import dev.custos.admission.LogKeys;
import dev.custos.admission.cache.CacheSnapshot;
import dev.custos.admission.cache.VerifiedDigestCache;
import dev.custos.admission.decision.AdmissionDecider;
import dev.custos.admission.decision.AdmissionDecision;
import dev.custos.admission.decision.DecisionReason;
import dev.custos.admission.policy.PolicyLoader;
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
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Handles one AdmissionReview: parses it, decides it from memory against the policy and the
 * verified-digest cache, records metrics, queues the decision event and renders the response. It
 * never blocks, and every failure after parsing denies the request (fail closed).
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
  private final MeterRegistry registry;
  private final Timer decisionTimer;
  private final Counter invalidReviews;
  private final Map<String, Counter> decisionCounters = new ConcurrentHashMap<>();

  AdmissionWebhook(
      VerifiedDigestCache cache,
      PolicyLoader policyLoader,
      DecisionPublisher publisher,
      RevocationReporter revocations,
      MeterRegistry registry) {
    this.cache = cache;
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

  /** Handles the body of {@code POST /validate}. */
  public WebhookResponse handle(byte[] body) {
    long startNanos = System.nanoTime();
    AdmissionRequest request;
    try {
      request = parser.parse(body);
    } catch (InvalidAdmissionReviewException e) {
      invalidReviews.increment();
      log.atInfo().log("Invalid AdmissionReview rejected with 400: {}", e.getMessage());
      return new WebhookResponse(
          400, WebhookResponse.PROBLEM_TYPE, AdmissionResponses.invalidReview(e.getMessage()));
    }

    CacheSnapshot snapshot = cache.snapshot();
    AdmissionDecision decision = decide(request, snapshot);
    decisionTimer.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    count(decision);
    logDecision(request, decision);
    publish(request, decision);
    recordAdmission(request, decision, snapshot);
    return new WebhookResponse(
        200, WebhookResponse.REVIEW_TYPE, AdmissionResponses.review(request, decision));
  }

  private AdmissionDecision decide(AdmissionRequest request, CacheSnapshot snapshot) {
    if (snapshot == null) {
      String problem = policyLoader.problem();
      return failClosed(
          request,
          DecisionReason.POLICY_UNAVAILABLE,
          "denied because no valid admission policy is loaded ("
              + (problem == null ? "the policy is being loaded" : problem)
              + "); every request is denied until one is");
    }
    try {
      return AdmissionDecider.decide(request, snapshot.policy().policy(), snapshot);
    } catch (RuntimeException e) {
      log.atError()
          .addKeyValue(LogKeys.UID, request.uid())
          .setCause(e)
          .log("Deciding an AdmissionReview failed; it is denied");
      return failClosed(
          request,
          DecisionReason.INTERNAL_ERROR,
          "denied because the admission service failed to decide: " + e);
    }
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
      AdmissionRequest request, AdmissionDecision decision, CacheSnapshot snapshot) {
    try {
      revocations.record(request, decision, snapshot);
    } catch (RuntimeException e) {
      log.atWarn()
          .addKeyValue(LogKeys.UID, request.uid())
          .setCause(e)
          .log("Admission not recorded; losing its attestations will not be reported");
    }
  }
}
