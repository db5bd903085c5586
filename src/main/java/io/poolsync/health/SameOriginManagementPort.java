package io.poolsync.health;

import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import jakarta.enterprise.event.Observes;
import java.lang.reflect.Method;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Health and metrics need no token, so no other origin's page may read them, nor be told in a preflight that it may.
 * Quarkus puts a CORS handler that allows every origin first on the management router, with no setting to turn it
 * off: its route is taken out, and every answer still has CORS headers taken off just before it is sent, in case
 * another handler adds them.
 */
public class SameOriginManagementPort {

    private static final Logger LOG = Logger.getLogger(SameOriginManagementPort.class);

    // Route order: the lowest, so every request to the management port passes here.
    void registerOn(@Observes ManagementInterface management) {
        management.router().getRoutes().stream().filter(SameOriginManagementPort::isCors).forEach(Route::remove);
        management.router().route().order(Integer.MIN_VALUE).handler(context -> {
            HttpServerResponse response = context.response();
            context.addHeadersEndHandler(ignored -> {
                response.headers().remove(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
                response.headers().remove(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS);
                response.headers().remove(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS);
                response.headers().remove(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS);
                response.headers().remove(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS);
                response.headers().remove(HttpHeaders.ACCESS_CONTROL_MAX_AGE);
            });
            context.next();
        });
    }

    /**
     * Vert.x's {@link Route} doesn't say which handlers it holds, so its implementation is asked. If a Vert.x upgrade
     * changes that, nothing is removed and {@code ApiSecurityTest}'s preflight check fails the build.
     */
    @SuppressWarnings("unchecked")
    private static boolean isCors(Route route) {
        try {
            Method state = route.getClass().getDeclaredMethod("state");
            state.setAccessible(true);
            Object routeState = state.invoke(route);
            Method handlers = routeState.getClass().getDeclaredMethod("getContextHandlers");
            handlers.setAccessible(true);
            return ((List<Handler<RoutingContext>>) handlers.invoke(routeState)).stream()
                    .anyMatch(CorsHandler.class::isInstance);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debugf("cannot tell the management port's route handlers apart: %s", e);
            return false;
        }
    }
}
