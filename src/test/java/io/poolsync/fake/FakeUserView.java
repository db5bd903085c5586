package io.poolsync.fake;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

/** A snapshot of one user of the fake, read directly (no HTTP, no quota). Attributes include "sub", first. */
public record FakeUserView(String username, String sub, Map<String, String> attributes, boolean enabled,
                           UserStatusType status, Instant created, Instant lastModified, List<String> groups) {

    public String attribute(String name) {
        return attributes.get(name);
    }
}
