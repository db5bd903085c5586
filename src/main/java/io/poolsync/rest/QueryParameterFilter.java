package io.poolsync.rest;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;

/**
 * Refuses query parameters an endpoint doesn't take: {@code POST /sync?dryrun=true} (a typo) would otherwise start a
 * run that writes.
 */
public class QueryParameterFilter {

    private final Map<Method, Set<String>> declared = new ConcurrentHashMap<>();

    @ServerRequestFilter(priority = Priorities.USER)
    public Optional<Response> rejectUnknown(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return Optional.empty();
        }
        Set<String> known = declared.computeIfAbsent(method, QueryParameterFilter::queryParameters);
        for (String name : request.getUriInfo().getQueryParameters().keySet()) {
            if (!known.contains(name)) {
                String takes = known.isEmpty() ? "it takes none" : "it takes " + String.join(", ", known);
                return Optional.of(Problem.response(Response.Status.BAD_REQUEST,
                        "unknown query parameter '" + name + "': " + takes, request.getUriInfo().getPath()));
            }
        }
        return Optional.empty();
    }

    private static Set<String> queryParameters(Method method) {
        Set<String> names = new TreeSet<>();
        for (Annotation[] annotations : method.getParameterAnnotations()) {
            for (Annotation annotation : annotations) {
                if (annotation instanceof QueryParam query) {
                    names.add(query.value());
                }
            }
        }
        return names;
    }
}
