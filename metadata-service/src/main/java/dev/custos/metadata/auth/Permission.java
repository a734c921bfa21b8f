package dev.custos.metadata.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The permissions that a grant may hold on a project. The note and occurrence permissions carry the
 * Grafeas names, and the project permissions are Custos's own, since Grafeas has no projects
 * service.
 */
public enum Permission {
  NOTES_GET("notes.get"),
  NOTES_LIST("notes.list"),
  NOTES_CREATE("notes.create"),
  NOTES_UPDATE("notes.update"),
  NOTES_DELETE("notes.delete"),
  NOTES_LIST_OCCURRENCES("notes.listOccurrences"),
  NOTES_ATTACH_OCCURRENCE("notes.attachOccurrence"),
  OCCURRENCES_GET("occurrences.get"),
  OCCURRENCES_LIST("occurrences.list"),
  OCCURRENCES_CREATE("occurrences.create"),
  OCCURRENCES_UPDATE("occurrences.update"),
  OCCURRENCES_DELETE("occurrences.delete"),
  PROJECTS_CREATE("projects.create"),
  PROJECTS_GET("projects.get"),
  PROJECTS_LIST("projects.list"),
  PROJECTS_DELETE("projects.delete");

  private final String grafeasName;

  Permission(String grafeasName) {
    this.grafeasName = grafeasName;
  }

  /**
   * Returns the permission's name in configuration and error messages, such as {@code notes.get}.
   */
  public String grafeasName() {
    return grafeasName;
  }

  /** Finds the permission with this name, compared without case. */
  public static Optional<Permission> byName(String name) {
    String requested = name.toLowerCase(Locale.ROOT);

    return Arrays.stream(values())
        .filter(permission -> permission.grafeasName.toLowerCase(Locale.ROOT).equals(requested))
        .findFirst();
  }

  @Override
  public String toString() {
    return grafeasName;
  }
}
