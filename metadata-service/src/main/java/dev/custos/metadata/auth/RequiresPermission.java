package dev.custos.metadata.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permission that a REST resource method requires, checked by {@link RestAccessFilter} before
 * the method runs. A {@code /v1} method without it rejects every request.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RequiresPermission {
  Permission value();

  /** The project on which the permission is checked. */
  Scope on() default Scope.PATH_PROJECT;

  /** Source of the project that the check is made on. */
  enum Scope {
    /** The {@code {project}} path parameter. */
    PATH_PROJECT,
    /** Every project: only a grant on the pattern {@code *} gives the permission. */
    ALL_PROJECTS,
    /** The request body names the project, so the method checks it after parsing the body. */
    REQUEST_BODY
  }
}
