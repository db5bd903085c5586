package io.poolsync.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * A resource the token filter has never heard of, standing for the next endpoint someone adds: it must need the token
 * without a change to the filter. Test sources only; hidden from the OpenAPI document.
 */
@Path("/unlisted-test-resource")
@Produces(MediaType.TEXT_PLAIN)
public class UnlistedTestResource {

    @GET
    @Operation(hidden = true)
    public String get() {
        return "served";
    }
}
