package dev.custos.metadata.auth;

import dev.custos.metadata.api.PermissionDeniedException;
import dev.custos.metadata.api.UnauthenticatedException;
import dev.custos.metadata.grafeas.ProjectName;

/** The permission checks that REST and gRPC requests pass before the service acts. */
public final class AccessControl {
  private AccessControl() {}

  /**
   * Checks that the caller has {@code permission} on {@code project}.
   *
   * @throws PermissionDeniedException naming the permission, the project and the principal
   */
  public static void require(ApiPrincipal caller, Permission permission, ProjectName project) {
    requireAuthenticated(caller);
    if (!caller.allows(permission, project.projectId())) {
      throw new PermissionDeniedException(
          "Permission "
              + permission
              + " denied on "
              + project
              + " to principal "
              + caller.name()
              + ". Grant it in custos.metadata.principals."
              + caller.name()
              + ".grants");
    }
  }

  /**
   * Checks that the caller has {@code permission} on every project through a {@code *} grant, as a
   * call that covers all projects, such as listing them, requires.
   *
   * @throws PermissionDeniedException naming the permission and the principal
   */
  public static void requireOnAllProjects(ApiPrincipal caller, Permission permission) {
    requireAuthenticated(caller);
    if (!caller.allowsOnAllProjects(permission)) {
      throw new PermissionDeniedException(
          "Permission "
              + permission
              + " denied on all projects to principal "
              + caller.name()
              + ". It needs a grant on the pattern *, such as "
              + permission
              + "@* in custos.metadata.principals."
              + caller.name()
              + ".grants");
    }
  }

  /** Rejects a call that reached a check without an authenticated caller, as a safeguard. */
  private static void requireAuthenticated(ApiPrincipal caller) {
    if (caller == null) {
      throw new UnauthenticatedException("The call has no authenticated principal");
    }
  }
}
