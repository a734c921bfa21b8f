package dev.custos.signer.runner;

import dev.custos.events.signer.RefusalReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Counters of the workflows. Every tag value comes from the code or the configuration (rule names,
 * refusal codes), never from a record, so a producer cannot add tag values.
 */
public final class RunnerMetrics {
  /** Records consumed from {@code registry.pushes}, by {@code action}. */
  public static final String PUSHES_RECEIVED = "custos.signer.workflow.pushes.received";

  /** Outcomes published as {@code image.signed}, by {@code rule}. */
  public static final String SIGNED = "custos.signer.workflow.signed";

  /** Refusal reasons published in {@code signing.refused} events, by {@code reason} code. */
  public static final String REFUSED = "custos.signer.workflow.refused";

  /** Metadata-service calls that failed and are tried again, by {@code kind}. */
  public static final String RETRIES = "custos.signer.workflow.retries";

  /** Outcome of the runner's handling of one consumed push record. */
  public enum PushAction {
    /** A workflow rule matched, and the push started or joined a workflow. */
    WORKFLOW,
    /** No rule matched the repository, so nothing is signed or refused. */
    NO_RULE,
    /** The push had finished its workflow in this replica already, so the copy is skipped. */
    DUPLICATE,
    /** The record could not be decoded and went to the dead-letter topic. */
    DEAD_LETTER
  }

  private final MeterRegistry registry;

  public RunnerMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  void countPush(PushAction action) {
    Counter.builder(PUSHES_RECEIVED)
        .description("Records consumed from registry.pushes, by how they were handled")
        .tag("action", action.name().toLowerCase(Locale.ROOT))
        .register(registry)
        .increment();
  }

  public void countSigned(String rule, boolean created) {
    Counter.builder(SIGNED)
        .description("image.signed outcomes published, by rule and whether this run created it")
        .tag("rule", rule)
        .tag("created", Boolean.toString(created))
        .register(registry)
        .increment();
  }

  public void countRefused(String rule, List<RefusalReason> reasons) {
    for (RefusalReason reason : reasons) {
      Counter.builder(REFUSED)
          .description("Reasons in signing.refused outcomes published, by reason code")
          .tag("rule", rule)
          .tag("reason", reason.code())
          .register(registry)
          .increment();
    }
  }

  void countRetry(boolean unavailable) {
    Counter.builder(RETRIES)
        .description("Failed metadata-service or Kafka steps that the runner tries again")
        .tag("kind", unavailable ? "unavailable" : "rejected")
        .register(registry)
        .increment();
  }
}
