package dev.custos.metadata.auth;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Permissions on the projects that a pattern matches. A pattern is a project id ({@code team-a}), a
 * prefix followed by {@code *} ({@code team-*}), or {@code *} for every project.
 *
 * @param projectPattern the pattern as configured
 * @param permissions the permissions the grant gives on each matching project
 */
public record Grant(String projectPattern, Set<Permission> permissions) {
  /** The syntax of one {@code grants} entry, for error messages. */
  public static final String FORM = "<role or permission>@<project pattern>, such as writer@team-a";

  private static final Pattern PROJECT_PATTERN = Pattern.compile("\\*|[A-Za-z0-9._~:-]{1,128}\\*?");

  public Grant {
    permissions = Set.copyOf(permissions);
  }

  /**
   * Parses one configured entry, {@code <role or permission>@<project pattern>}, where the role is
   * {@code reader}, {@code attacher}, {@code writer} or {@code admin} and a permission is a name
   * such as {@code notes.get}.
   *
   * @throws IllegalArgumentException naming the entry and the expected form
   */
  public static Grant parse(String entry) {
    String trimmed = entry.trim();
    int at = trimmed.lastIndexOf('@');
    if (at <= 0 || at == trimmed.length() - 1) {
      throw new IllegalArgumentException(
          "Invalid grant '" + entry + "': expected " + FORM + ", or admin@* for every permission");
    }

    String granted = trimmed.substring(0, at).trim();
    String pattern = trimmed.substring(at + 1).trim();
    if (!PROJECT_PATTERN.matcher(pattern).matches()) {
      throw new IllegalArgumentException(
          "Invalid project pattern '"
              + pattern
              + "' in grant '"
              + entry
              + "': expected a project id, a prefix followed by *, or * for every project");
    }

    return new Grant(pattern, permissionsOf(granted, entry));
  }

  private static Set<Permission> permissionsOf(String granted, String entry) {
    Optional<Role> role = Role.byName(granted);
    if (role.isPresent()) {
      return role.get().permissions();
    }

    return Permission.byName(granted)
        .map(EnumSet::of)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "Unknown role or permission '"
                        + granted
                        + "' in grant '"
                        + entry
                        + "': expected one of the roles reader, attacher, writer, admin or a"
                        + " permission such as notes.get or occurrences.create"));
  }

  /** Returns whether the pattern matches the project id. */
  public boolean matches(String projectId) {
    if (projectPattern.equals("*")) {
      return true;
    }
    if (projectPattern.endsWith("*")) {
      return projectId.startsWith(projectPattern.substring(0, projectPattern.length() - 1));
    }

    return projectPattern.equals(projectId);
  }

  /** Returns whether the grant gives {@code permission} on every project, as {@code *} does. */
  public boolean coversAllProjects(Permission permission) {
    return projectPattern.equals("*") && permissions.contains(permission);
  }
}
