package io.poolsync.sync;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The target usernames of the latest source users event mode re-read, by source sub: how a deletion event finds the
 * target copy of a source user that is gone. CloudTrail records a user's sub but not its username ("Amazon Cognito
 * information in CloudTrail", Cognito Developer Guide), the deleted user can't be read any more, and the owner mark
 * can't be searched for (ListUsers filters standard attributes only: "ListUsers", Amazon Cognito API Reference); a
 * user not remembered here is left to the next full pass. Bounded: the least recently used entry goes first.
 */
final class TargetUsernamesBySub {

    /** About 150 bytes an entry: some 15 MB at most. */
    static final int CAPACITY = 100_000;

    private final Map<String, String> usernames = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > CAPACITY;
        }
    };

    synchronized void remember(String sourceSub, String targetUsername) {
        usernames.put(sourceSub, targetUsername);
    }

    synchronized Optional<String> find(String sourceSub) {
        return Optional.ofNullable(usernames.get(sourceSub));
    }

    synchronized void forget(String sourceSub) {
        usernames.remove(sourceSub);
    }
}
