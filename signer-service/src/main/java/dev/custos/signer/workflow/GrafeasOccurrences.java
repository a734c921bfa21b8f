package dev.custos.signer.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Readers of the fields that workflow rules use from Grafeas v1 occurrences in the REST JSON shape
 * (camelCase field names and enum names, as protobuf's {@code JsonFormat} prints them).
 */
final class GrafeasOccurrences {
  static final String VULNERABILITY = "VULNERABILITY";
  static final String DISCOVERY = "DISCOVERY";
  static final String BUILD = "BUILD";

  private static final int MAX_ERROR_MESSAGE_LENGTH = 200;

  private GrafeasOccurrences() {}

  /**
   * Returns whether the occurrence is of {@code kind}. An occurrence without {@code kind} is
   * recognized by its details object, such as {@code vulnerability}.
   */
  static boolean isKind(JsonNode occurrence, String kind) {
    String stated = text(occurrence, "kind");
    if (stated != null) {
      return stated.equals(kind);
    }
    return switch (kind) {
      case VULNERABILITY -> occurrence.path("vulnerability").isObject();
      case DISCOVERY -> occurrence.path("discovery").isObject();
      case BUILD ->
          occurrence.path("build").isObject() || occurrence.path("buildProvenance").isObject();
      default -> false;
    };
  }

  /** Reads a vulnerability occurrence. */
  static VulnerabilityFinding vulnerability(JsonNode occurrence) {
    JsonNode details = occurrence.path("vulnerability");
    return new VulnerabilityFinding(
        vulnerabilityId(occurrence), severityOf(details), cvssScoreOf(details), isFixable(details));
  }

  /** Returns {@code discovery.analysisStatus}, or null when it is absent. */
  static String analysisStatus(JsonNode occurrence) {
    return text(occurrence.path("discovery"), "analysisStatus");
  }

  /**
   * Returns the scanner's error message of a discovery occurrence, from {@code
   * analysisStatusError.message} or else the first {@code analysisError[].message}, shortened to
   * 200 characters, or null when there is none.
   */
  static String analysisError(JsonNode occurrence) {
    JsonNode discovery = occurrence.path("discovery");
    String message = text(discovery.path("analysisStatusError"), "message");
    if (message == null) {
      for (JsonNode error : discovery.path("analysisError")) {
        message = text(error, "message");
        if (message != null) {
          break;
        }
      }
    }
    if (message != null && message.length() > MAX_ERROR_MESSAGE_LENGTH) {
      message = message.substring(0, MAX_ERROR_MESSAGE_LENGTH) + "...";
    }
    return message;
  }

  /**
   * Returns the id of the vulnerability's note, such as {@code CVE-2021-20305} for {@code
   * projects/goog-vulnz/notes/CVE-2021-20305}, else the occurrence's name, else a placeholder.
   */
  private static String vulnerabilityId(JsonNode occurrence) {
    String id = VulnerabilityPolicy.vulnerabilityId(text(occurrence, "noteName"));
    if (id != null) {
      return id;
    }
    String name = text(occurrence, "name");
    return name != null ? "vulnerability occurrence " + name : "a vulnerability occurrence";
  }

  /** Returns {@code effectiveSeverity}, else {@code severity}, each unless unspecified. */
  private static Severity severityOf(JsonNode details) {
    return Severity.fromGrafeasName(text(details, "effectiveSeverity"))
        .or(() -> Severity.fromGrafeasName(text(details, "severity")))
        .orElse(null);
  }

  /**
   * Returns the CVSS v3 base score ({@code cvssv3.baseScore}, which the Grafeas note spells {@code
   * cvssV3}), else {@code cvssScore}, or null when neither is positive.
   */
  private static Double cvssScoreOf(JsonNode details) {
    return number(details.path("cvssv3"), "baseScore")
        .or(() -> number(details.path("cvssV3"), "baseScore"))
        .or(() -> number(details, "cvssScore"))
        .orElse(null);
  }

  /** Returns whether the occurrence or any of its package issues has a fix. */
  private static boolean isFixable(JsonNode details) {
    if (isTrue(details, "fixAvailable")) {
      return true;
    }
    for (JsonNode issue : details.path("packageIssue")) {
      if (isTrue(issue, "fixAvailable")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isTrue(JsonNode parent, String field) {
    JsonNode value = parent.path(field);
    return value.isBoolean() && value.booleanValue();
  }

  /** Returns a positive number, also from a string such as {@code "7.5"}. Zero counts as absent. */
  private static Optional<Double> number(JsonNode parent, String field) {
    JsonNode value = parent.path(field);
    double number;
    if (value.isNumber()) {
      number = value.doubleValue();
    } else if (value.isTextual()) {
      try {
        number = Double.parseDouble(value.textValue());
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    } else {
      return Optional.empty();
    }
    return number > 0 ? Optional.of(number) : Optional.empty();
  }

  private static String text(JsonNode parent, String field) {
    JsonNode value = parent.path(field);
    if (!value.isTextual() || value.textValue().isBlank()) {
      return null;
    }
    return value.textValue();
  }

  /**
   * Facts of one vulnerability occurrence.
   *
   * @param id the vulnerability id, such as {@code CVE-2021-20305}
   * @param statedSeverity the effective or stated severity, or null when neither is given
   * @param cvssScore the CVSS base score, or null when none is positive
   * @param fixable whether a fix is available
   */
  record VulnerabilityFinding(
      String id, Severity statedSeverity, Double cvssScore, boolean fixable) {

    /** Returns the stated severity, else the one derived from the CVSS score, or empty. */
    Optional<Severity> severity() {
      if (statedSeverity != null) {
        return Optional.of(statedSeverity);
      }
      return cvssScore == null ? Optional.empty() : Severity.fromCvssScore(cvssScore);
    }

    /** Describes the finding, such as {@code CVE-1 is HIGH (from CVSS score 7.5) and fixable}. */
    String describe() {
      String fixability = fixable ? "fixable" : "unfixable";
      Optional<Severity> severity = severity();
      if (severity.isEmpty()) {
        return id + " is " + fixability + " and has no severity and no CVSS score from 0.1 to 10";
      }
      String source = statedSeverity == null ? " (from CVSS score " + cvssScore + ")" : "";
      return id + " is " + severity.get() + source + " and " + fixability;
    }
  }
}
