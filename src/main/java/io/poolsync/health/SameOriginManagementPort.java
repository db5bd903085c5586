package io.poolsync.health;

import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import jakarta.enterprise.event.Observes;

/**
 * Health and metrics need no token, so no other origin's page may read them: Quarkus puts a CORS handler that allows
 * every origin on the management router, with no setting to turn it off, so each answer has its CORS headers taken off
 * just before it is sent, and a browser then refuses the answer to a page of another origin.
 */
public class SameOriginManagementPort {

    // Route order: the lowest, so every request to the management port passes here.
    void registerOn(@Observes ManagementInterface management) {
        management.router().route().order(Integer.MIN_VALUE).handler(context -> {
            HttpServerResponse response = context.response();
            context.addHeadersEndHandler(ignored -> {
                response.headers().remove(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
                response.headers().remove(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS);
                response.headers().remove(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS);
            });
            context.next();
        });
    }
}
