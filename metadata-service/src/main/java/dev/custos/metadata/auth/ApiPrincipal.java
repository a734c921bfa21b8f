package dev.custos.metadata.auth;

import java.security.Principal;
import java.util.List;

/**
 * A caller of the API, configured under {@code custos.metadata.principals.<name>}, with the grants
 * that say what it may do on which projects. Nothing is allowed that no grant gives.
 *
 * @param name the configured name, shown in error messages and logs
 * @param grants the principal's grants, in configuration order
 */
public record ApiPrincipal(String name, List<Grant> grants) implements Principal {
  public ApiPrincipal {
    grants = List.copyOf(grants);
  }

  @Override
  public String getName() {
    return name;
  }

  /** Returns whether a grant gives {@code permission} on project {@code projectId}. */
  public boolean allows(Permission permission, String projectId) {
    return grants.stream()
        .anyMatch(grant -> grant.permissions().contains(permission) && grant.matches(projectId));
  }

  /** Returns whether a {@code *} grant gives {@code permission} on every project. */
  public boolean allowsOnAllProjects(Permission permission) {
    return grants.stream().anyMatch(grant -> grant.coversAllProjects(permission));
  }
}
