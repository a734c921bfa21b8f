package dev.custos.metadata.auth;

import dev.custos.metadata.api.PermissionDeniedException;
import dev.custos.metadata.grafeas.ProjectName;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates every REST API request by its {@code Authorization: Bearer <token>} header (401
 * UNAUTHENTICATED without a configured token), and checks the {@link RequiresPermission} of the
 * resource method (403 PERMISSION_DENIED). Health, metrics and the OpenAPI document under {@code
 * /q} are not REST resources, so this filter does not apply to them.
 */
public class RestAccessFilter {
  private final Principals principals;

  RestAccessFilter(Principals principals) {
    this.principals = principals;
  }

  @ServerRequestFilter
  public void authorize(ContainerRequestContext request, ResourceInfo resource) {
    ApiPrincipal caller =
        principals.authenticateHeader(request.getHeaderString(HttpHeaders.AUTHORIZATION));
    request.setSecurityContext(new CallerContext(caller, request.getSecurityContext().isSecure()));

    RequiresPermission required =
        resource.getResourceMethod().getAnnotation(RequiresPermission.class);
    if (required == null) {
      throw new PermissionDeniedException(
          "The route "
              + resource.getResourceClass().getSimpleName()
              + "."
              + resource.getResourceMethod().getName()
              + " declares no permission, so it rejects every request");
    }

    switch (required.on()) {
      case PATH_PROJECT -> {
        String project = request.getUriInfo().getPathParameters().getFirst("project");
        AccessControl.require(caller, required.value(), ProjectName.of(project));
      }
      case ALL_PROJECTS -> AccessControl.requireOnAllProjects(caller, required.value());
      case REQUEST_BODY -> {
        // The resource method checks the project that the body names.
      }
    }
  }

  /** Returns the caller that {@link #authorize} authenticated. */
  public static ApiPrincipal caller(SecurityContext security) {
    return (ApiPrincipal) security.getUserPrincipal();
  }

  private record CallerContext(ApiPrincipal caller, boolean secure) implements SecurityContext {
    @Override
    public Principal getUserPrincipal() {
      return caller;
    }

    @Override
    public boolean isUserInRole(String role) {
      return false;
    }

    @Override
    public boolean isSecure() {
      return secure;
    }

    @Override
    public String getAuthenticationScheme() {
      return "Bearer";
    }
  }
}
