package dev.custos.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the audit service, under {@code custos.audit}. */
@ConfigMapping(prefix = "custos.audit")
public interface AuditConfig {

  /**
   * Origin line of the log's signed checkpoints (C2SP tlog-checkpoint), a schema-less URL that
   * names this log, such as {@code audit.example.com/prod}. Give each deployment its own, because
   * verifiers tell logs apart by origin.
   */
  @WithDefault("custos.example/audit")
  String logOrigin();

  /** Interval between two signed checkpoints, as a duration such as {@code 5s}. */
  @WithDefault("5s")
  Duration checkpointInterval();
}
