package dev.custos.metadata.auth;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Named sets of permissions that a grant may give instead of listing permissions one by one. */
public enum Role {
  /** Reads the project, its notes and occurrences, and the occurrences of its notes. */
  READER(
      EnumSet.of(
          Permission.PROJECTS_GET,
          Permission.NOTES_GET,
          Permission.NOTES_LIST,
          Permission.NOTES_LIST_OCCURRENCES,
          Permission.OCCURRENCES_GET,
          Permission.OCCURRENCES_LIST)),

  /**
   * Attaches occurrences to the project's notes, the one permission that another project's writer
   * needs on a project that publishes shared notes.
   */
  ATTACHER(EnumSet.of(Permission.NOTES_ATTACH_OCCURRENCE)),

  /**
   * A reader that also creates, updates and deletes notes and occurrences, and attaches to them.
   */
  WRITER(
      union(
          READER,
          EnumSet.of(
              Permission.NOTES_CREATE,
              Permission.NOTES_UPDATE,
              Permission.NOTES_DELETE,
              Permission.NOTES_ATTACH_OCCURRENCE,
              Permission.OCCURRENCES_CREATE,
              Permission.OCCURRENCES_UPDATE,
              Permission.OCCURRENCES_DELETE))),

  /** Every permission, project creation, listing and deletion included. */
  ADMIN(EnumSet.allOf(Permission.class));

  private final Set<Permission> permissions;

  Role(Set<Permission> permissions) {
    this.permissions = Set.copyOf(permissions);
  }

  public Set<Permission> permissions() {
    return permissions;
  }

  /** Finds the role with this name, compared without case, such as {@code writer}. */
  public static Optional<Role> byName(String name) {
    return Arrays.stream(values()).filter(role -> role.name().equalsIgnoreCase(name)).findFirst();
  }

  private static Set<Permission> union(Role role, Set<Permission> more) {
    EnumSet<Permission> all = EnumSet.copyOf(role.permissions);
    all.addAll(more);

    return all;
  }
}
