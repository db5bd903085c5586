package io.poolsync.rest;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Every error the API answers is a problem body; the stack trace, if any, goes to the log only. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (Problem.MEDIA_TYPE.equals(String.valueOf(e.getResponse().getMediaType()))) {
            return e.getResponse();
        }
        int status = e.getResponse().getStatus();
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String detail = switch (status) {
            case 404 -> "no such resource";
            case 405 -> "this resource does not take that method";
            case 406 -> "this resource answers application/json only";
            case 415 -> "this resource takes no request body of that type";
            default -> type == null ? "HTTP " + status : type.getReasonPhrase();
        };
        return Problem.response(status, detail, uri.getPath(), null);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        LOG.errorf(e, "unexpected error answering %s", uri.getPath());
        return Problem.response(Response.Status.INTERNAL_SERVER_ERROR, "an unexpected error; poolsync's log has the details",
                uri.getPath());
    }
}
