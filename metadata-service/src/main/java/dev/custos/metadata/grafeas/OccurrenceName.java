package dev.custos.metadata.grafeas;

/** A Grafeas occurrence name, {@code projects/<projectId>/occurrences/<occurrenceId>}. */
public record OccurrenceName(String projectId, String occurrenceId) {
  public static final String FORM = "projects/{project}/occurrences/{occurrence}";

  /** Returns the name of occurrence {@code occurrenceId} in {@code projectId}, after checking. */
  public static OccurrenceName of(String projectId, String occurrenceId) {
    ResourceIds.require(projectId, "project id", FORM);
    ResourceIds.require(occurrenceId, "occurrence id", FORM);

    return new OccurrenceName(projectId, occurrenceId);
  }

  /** Parses {@code projects/<p>/occurrences/<id>}. The {@code field} names the value in errors. */
  public static OccurrenceName parse(String name, String field) {
    String[] segments = ResourceNameSegments.split(name, field, FORM, "occurrences");

    return of(segments[1], segments[3]);
  }

  public ProjectName project() {
    return new ProjectName(projectId);
  }

  @Override
  public String toString() {
    return "projects/" + projectId + "/occurrences/" + occurrenceId;
  }
}
