package io.poolsync.rest;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

import jakarta.ws.rs.core.Application;

/** The API's OpenAPI description ({@code /q/openapi}): every operation takes the bearer token. */
@OpenAPIDefinition(info = @Info(title = "poolsync", version = "1",
        description = "Start Cognito user pool syncs and follow them. Every call needs Authorization: Bearer "
                + "<poolsync.api.token>. Errors are RFC 7807 problem bodies."),
        security = @SecurityRequirement(name = "token"))
@SecurityScheme(securitySchemeName = "token", type = SecuritySchemeType.HTTP, scheme = "bearer")
public class PoolsyncApi extends Application {
}
