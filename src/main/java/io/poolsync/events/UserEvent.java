package io.poolsync.events;

import java.time.Instant;
import java.util.Optional;

/**
 * A source pool call that changed one user, as far as its CloudTrail event tells.
 *
 * @param poolId    the user pool the call went to; empty when the event does not say (then the user is looked up by
 *                  sub in the source, and an event of another pool finds nobody)
 * @param user      how to find the user in the source
 * @param eventTime when Cognito took the call (CloudTrail's eventTime)
 */
public record UserEvent(String eventName, Optional<String> poolId, UserRef user, Instant eventTime) {

    /** Whether the call brings the user into being: such a user can't have a renamed twin in the target. */
    public boolean creation() {
        return CloudTrailEvents.CREATIONS.contains(eventName);
    }

    /**
     * A user's identity in the source: its sub (what CloudTrail records; AdminGetUser takes it as the Username)
     * or, where an event shows it in the clear, its username (found with AdminGetUser).
     */
    public record UserRef(Kind kind, String value) {

        public enum Kind {
            SUB, USERNAME
        }

        public static UserRef sub(String sub) {
            return new UserRef(Kind.SUB, sub);
        }

        public static UserRef username(String username) {
            return new UserRef(Kind.USERNAME, username);
        }

        @Override
        public String toString() {
            return kind.name().toLowerCase() + ":" + value;
        }
    }
}
