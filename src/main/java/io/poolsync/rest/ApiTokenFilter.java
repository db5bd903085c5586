package io.poolsync.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.poolsync.config.PoolsyncConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The on-demand API requires {@code Authorization: Bearer <poolsync.api.token>}. */
public class ApiTokenFilter {

    private static final Logger LOG = Logger.getLogger(ApiTokenFilter.class);
    private static final String BEARER = "Bearer ";

    private final Optional<byte[]> token;

    public ApiTokenFilter(PoolsyncConfig config) {
        this.token = config.api().token().filter(value -> !value.isBlank())
                .map(value -> value.getBytes(StandardCharsets.UTF_8));
    }

    void onStart(@Observes StartupEvent event) {
        if (token.isEmpty()) {
            LOG.warn("poolsync.api.token is not set: /sync and /progress refuse every call; scheduled syncs still run");
        }
    }

    @ServerRequestFilter
    public Optional<Response> requireToken(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/sync") && !path.startsWith("/progress")) {
            return Optional.empty();
        }
        if (token.isEmpty()) {
            return Optional.of(refuse(Response.Status.FORBIDDEN,
                    "the on-demand API is disabled: set poolsync.api.token (e.g. POOLSYNC_API_TOKEN) to enable it"));
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        byte[] presented = header != null && header.startsWith(BEARER)
                ? header.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8)
                : new byte[0];
        // Constant time, so the comparison leaks nothing about the token.
        if (!MessageDigest.isEqual(presented, token.get())) {
            return Optional.of(refuse(Response.Status.UNAUTHORIZED, "a valid bearer token is required"));
        }
        return Optional.empty();
    }

    private static Response refuse(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build();
    }
}
