package io.poolsync.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.poolsync.config.PoolsyncConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * Every resource of the API requires {@code Authorization: Bearer <poolsync.api.token>}: the filter runs for each
 * request matched to a resource method, whatever its path, so a new resource is protected without a change here. Only
 * what is not a resource is served without the token: the static status page and its assets, and the OpenAPI document
 * ({@code /q/openapi}); health and metrics are on the management port. Without a configured token it refuses every
 * call. Neither the token nor what a caller presented is ever logged or echoed.
 */
public class ApiTokenFilter {

    private static final Logger LOG = Logger.getLogger(ApiTokenFilter.class);
    private static final String BEARER = "Bearer ";
    static final String NOT_CONFIGURED = "the on-demand API is disabled because poolsync.api.token is not set "
            + "(e.g. POOLSYNC_API_TOKEN from a Secret); scheduled syncs still run";

    /** The token's SHA-256: digests of equal length make the comparison constant-time, whatever was presented. */
    private final Optional<byte[]> tokenDigest;

    public ApiTokenFilter(PoolsyncConfig config) {
        this.tokenDigest = config.api().token().filter(value -> !value.isBlank()).map(ApiTokenFilter::sha256);
    }

    void onStart(@Observes StartupEvent event) {
        if (tokenDigest.isEmpty()) {
            LOG.warn(NOT_CONFIGURED + ": every API call is answered 403");
        }
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Optional<Response> requireToken(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (tokenDigest.isEmpty()) {
            return Optional.of(Problem.response(Response.Status.FORBIDDEN, NOT_CONFIGURED, path));
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String presented = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? header.substring(BEARER.length()).trim()
                : "";
        if (!MessageDigest.isEqual(sha256(presented), tokenDigest.get())) {
            Response refused = Problem.response(Response.Status.UNAUTHORIZED,
                    "a valid bearer token is required: Authorization: Bearer <poolsync.api.token>", path);
            return Optional.of(Response.fromResponse(refused).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"poolsync\"")
                    .build());
        }
        return Optional.empty();
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
