package io.poolsync.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.ws.rs.core.Response;

/**
 * An error answer in the shape of RFC 7807 (application/problem+json): what went wrong, never a stack trace.
 *
 * @param running on 409, the id of the run in progress
 */
@Schema(description = "An error (RFC 7807 problem details).")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        @Schema(description = "Always about:blank: the status says what kind of problem it is.") String type,
        @Schema(description = "The HTTP status's reason phrase.") String title,
        int status,
        @Schema(description = "What was wrong with this request, for a person.") String detail,
        @Schema(description = "The request path.") String instance,
        @Schema(description = "On 409: the id of the run in progress.") String running) {

    public static final String MEDIA_TYPE = "application/problem+json";

    static Response response(Response.Status status, String detail, String instance) {
        return response(status.getStatusCode(), detail, instance, null);
    }

    static Response response(int status, String detail, String instance, String running) {
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "HTTP " + status : type.getReasonPhrase();
        return Response.status(status).type(MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, instance, running)).build();
    }
}
