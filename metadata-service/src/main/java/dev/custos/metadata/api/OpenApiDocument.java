package dev.custos.metadata.api;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The title and the bearer-token security scheme of the OpenAPI document at {@code /q/openapi}. The
 * routes come from the REST resources' annotations.
 */
@OpenAPIDefinition(
    info =
        @Info(
            title = "Custos metadata service",
            version = "v1",
            description =
                "The Grafeas v1 REST API: projects, notes and occurrences in the JSON of the"
                    + " Grafeas gateway. Every /v1 route needs Authorization: Bearer <token> of a"
                    + " configured principal and the permission that its description names."
                    + " Errors use the Google API error body"
                    + " {\"error\":{\"code\":...,\"message\":...,\"status\":...}}."),
    security = @SecurityRequirement(name = OpenApiDocument.BEARER))
@SecurityScheme(
    securitySchemeName = OpenApiDocument.BEARER,
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    description = "A principal's token, whose SHA-256 is in custos.metadata.principals")
public class OpenApiDocument extends Application {
  static final String BEARER = "bearer";
}
