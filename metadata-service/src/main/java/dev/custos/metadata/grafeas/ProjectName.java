package dev.custos.metadata.grafeas;

import dev.custos.metadata.api.InvalidArgumentException;

/** A Grafeas project name, {@code projects/<projectId>}. */
public record ProjectName(String projectId) {
  public static final String FORM = "projects/{project}";
  private static final String PREFIX = "projects/";

  /** Returns the name of project {@code projectId}, after checking the id. */
  public static ProjectName of(String projectId) {
    return new ProjectName(ResourceIds.require(projectId, "project id", FORM));
  }

  /** Parses {@code projects/<projectId>}. The {@code field} names the value in errors. */
  public static ProjectName parse(String name, String field) {
    if (name == null || name.isEmpty()) {
      throw new InvalidArgumentException(field + " is required, as in " + FORM);
    }
    if (!name.startsWith(PREFIX) || name.indexOf('/', PREFIX.length()) >= 0) {
      throw new InvalidArgumentException("Invalid " + field + " '" + name + "': expected " + FORM);
    }

    return of(name.substring(PREFIX.length()));
  }

  @Override
  public String toString() {
    return PREFIX + projectId;
  }
}
