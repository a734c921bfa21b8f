package dev.custos.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custos.admission.decision.AdmissionDecider;
import dev.custos.admission.decision.AdmissionDecision;
import dev.custos.admission.decision.VerifiedAttestations;
import dev.custos.admission.policy.Policy;
import dev.custos.admission.policy.PolicyParser;
import dev.custos.admission.review.AdmissionReviewParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cached admission decision for a pod with three images (parse, policy, cache lookup), against
 * the floor any JSON webhook pays: parsing the same AdmissionReview bytes into a tree.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AdmissionDecisionBenchmark {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private byte[] review;
  private Policy policy;
  private AdmissionReviewParser parser;
  private VerifiedAttestations cache;

  @Setup
  public void setUp() throws Exception {
    review = resource("/bench-pod-review.json");
    policy = new PolicyParser("custos").parse(resource("/bench-policy.yaml"));
    parser = new AdmissionReviewParser();
    Set<String> attested = Set.of("build");
    cache = image -> attested;

    AdmissionDecision decision = decide();
    if (!decision.allowed()) {
      throw new IllegalStateException("benchmark pod must be admitted: " + decision.message());
    }
  }

  /** Baseline: parse the request body into a Jackson tree and nothing else. */
  @Benchmark
  public JsonNode baselineParseJson() throws IOException {
    return MAPPER.readTree(review);
  }

  @Benchmark
  public AdmissionDecision cachedDecision() throws Exception {
    return decide();
  }

  private AdmissionDecision decide() throws Exception {
    return AdmissionDecider.decide(parser.parse(review), policy, cache);
  }

  static byte[] resource(String name) {
    try (InputStream in = AdmissionDecisionBenchmark.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("benchmark resource " + name + " is missing");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
