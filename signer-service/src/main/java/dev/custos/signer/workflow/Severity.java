package dev.custos.signer.workflow;

import java.util.Locale;
import java.util.Optional;

/** Severity of a vulnerability, with the names and order of {@code grafeas.v1.Severity}. */
public enum Severity {
  MINIMAL,
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  /**
   * Parses a Grafeas severity name. {@code SEVERITY_UNSPECIFIED}, a blank value and a name that
   * Grafeas does not define give empty, so that the caller falls back to the next source.
   */
  public static Optional<Severity> fromGrafeasName(String name) {
    if (name == null || name.isBlank()) {
      return Optional.empty();
    }

    String upper = name.trim().toUpperCase(Locale.ROOT);
    for (Severity severity : values()) {
      if (severity.name().equals(upper)) {
        return Optional.of(severity);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the CVSS v3 qualitative rating of a base score: 0.1-3.9 LOW, 4.0-6.9 MEDIUM, 7.0-8.9
   * HIGH, 9.0-10.0 CRITICAL. A score of 0 (the CVSS rating "None"), a negative score, one above 10
   * and NaN give empty.
   */
  public static Optional<Severity> fromCvssScore(double score) {
    if (Double.isNaN(score) || score <= 0 || score > 10) {
      return Optional.empty();
    }
    if (score >= 9.0) {
      return Optional.of(CRITICAL);
    }
    if (score >= 7.0) {
      return Optional.of(HIGH);
    }
    if (score >= 4.0) {
      return Optional.of(MEDIUM);
    }
    return Optional.of(LOW);
  }
}
