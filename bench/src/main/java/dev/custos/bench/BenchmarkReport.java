package dev.custos.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs the benchmarks and prints each target next to its same-run baseline: the p50 and p99 of the
 * measured operation, of the baseline, and their ratio. Arguments are JMH include patterns; none
 * runs every benchmark here.
 */
public final class BenchmarkReport {

  private record Target(
      Class<?> benchmark, String baseline, String measured, String goal, double p99LimitUs) {}

  private static final List<Target> TARGETS =
      List.of(
          new Target(
              AdmissionDecisionBenchmark.class,
              "baselineParseJson",
              "cachedDecision",
              "admission decision for a 3-image pod, p99 under 100 us",
              100),
          new Target(
              InclusionProofBenchmark.class,
              "baselineVerifyProof",
              "inclusionProof",
              "inclusion proof at 10 million entries, under 1 ms",
              1000));

  /**
   * A throughput target: each operation of {@code measured} and {@code baseline} handles the number
   * of entries in the benchmark's {@code batch} parameter, and the goal is a minimum rate.
   */
  private record ThroughputTarget(
      Class<?> benchmark, String baseline, String measured, String goal, double minPerSecond) {}

  private static final List<ThroughputTarget> THROUGHPUT_TARGETS =
      List.of(
          new ThroughputTarget(
              AuditAppendBenchmark.class,
              "baselinePlainInsert",
              "append",
              "audit appends through AuditLog into PostgreSQL, at least 5,000/s",
              5000));

  private BenchmarkReport() {}

  public static void main(String[] args) throws RunnerException {
    List<String> patterns = new ArrayList<>(List.of(args));
    if (patterns.isEmpty()) {
      TARGETS.forEach(target -> patterns.add(target.benchmark().getName()));
      THROUGHPUT_TARGETS.forEach(target -> patterns.add(target.benchmark().getName()));
    }
    ChainedOptionsBuilder options = new OptionsBuilder();
    patterns.forEach(options::include);
    Collection<RunResult> results = new Runner(options.build()).run();

    System.out.println();
    System.out.println(
        "target | operation | p50 us | p99 us | baseline p50 us | ratio p50 | ratio p99 | p99 goal met");
    for (Target target : TARGETS) {
      Statistics measured = statistics(results, target.benchmark(), target.measured());
      Statistics baseline = statistics(results, target.benchmark(), target.baseline());
      if (measured == null || baseline == null) {
        continue;
      }
      double p50 = measured.getPercentile(50);
      double p99 = measured.getPercentile(99);
      System.out.println(
          String.format(
              Locale.ROOT,
              "%s | %s | %.2f | %.2f | %.2f | %.2f | %.2f | %s",
              target.goal(),
              target.measured(),
              p50,
              p99,
              baseline.getPercentile(50),
              p50 / baseline.getPercentile(50),
              p99 / baseline.getPercentile(99),
              p99 < target.p99LimitUs() ? "yes" : "no"));
    }
    printThroughput(results);
  }

  private static void printThroughput(Collection<RunResult> results) {
    System.out.println();
    System.out.println(
        "target | operation | batch | entries/s | baseline entries/s | ratio | goal met");
    for (ThroughputTarget target : THROUGHPUT_TARGETS) {
      String measuredName = target.benchmark().getName() + "." + target.measured();
      String baselineName = target.benchmark().getName() + "." + target.baseline();
      for (RunResult measured : results) {
        if (!measured.getParams().getBenchmark().equals(measuredName)) {
          continue;
        }
        String batch = measured.getParams().getParam("batch");
        RunResult baseline = withParam(results, baselineName, "batch", batch);
        if (baseline == null) {
          continue;
        }
        double rate = perSecond(measured, Integer.parseInt(batch));
        double baselineRate = perSecond(baseline, Integer.parseInt(batch));
        System.out.println(
            String.format(
                Locale.ROOT,
                "%s | %s | %s | %.0f | %.0f | %.2f | %s",
                target.goal(),
                target.measured(),
                batch,
                rate,
                baselineRate,
                rate / baselineRate,
                rate >= target.minPerSecond() ? "yes" : "no"));
      }
    }
  }

  /** Converts an average time per operation in microseconds into entries per second. */
  private static double perSecond(RunResult result, int entriesPerOperation) {
    double microsecondsPerOperation = result.getPrimaryResult().getScore();
    return entriesPerOperation * 1_000_000.0 / microsecondsPerOperation;
  }

  private static RunResult withParam(
      Collection<RunResult> results, String benchmark, String param, String value) {
    for (RunResult result : results) {
      if (result.getParams().getBenchmark().equals(benchmark)
          && value.equals(result.getParams().getParam(param))) {
        return result;
      }
    }
    return null;
  }

  private static Statistics statistics(
      Collection<RunResult> results, Class<?> benchmark, String method) {
    String name = benchmark.getName() + "." + method;
    for (RunResult result : results) {
      if (result.getParams().getBenchmark().equals(name)) {
        Result<?> primary = result.getPrimaryResult();
        return primary.getStatistics();
      }
    }
    return null;
  }
}
