package io.poolsync.trigger;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.poolsync.model.PoolUser;

/**
 * A source pool in memory that signs in whoever has the right password, as cognito-local does: whatever the user's
 * status or enabled flag. Users marked challenged get a challenge instead, as real Cognito gives for MFA or a
 * temporary password.
 */
final class FakeSourcePool implements SourcePool {

    private final Map<String, PoolUser> users = new HashMap<>();
    private final Map<String, String> passwords = new HashMap<>();
    private final Set<String> challenged = new HashSet<>();
    private int signIns;

    FakeSourcePool add(PoolUser user, String password) {
        users.put(user.username(), user);
        passwords.put(user.username(), password);
        return this;
    }

    FakeSourcePool challenge(String userName) {
        challenged.add(userName);
        return this;
    }

    int signIns() {
        return signIns;
    }

    @Override
    public SignIn signIn(String userName, String password) {
        signIns++;
        if (!users.containsKey(userName)) {
            throw MigrationFailedException.denied("UserNotFoundException: User does not exist.");
        }
        if (!passwords.get(userName).equals(password)) {
            throw MigrationFailedException.denied("NotAuthorizedException: Incorrect username or password.");
        }
        return challenged.contains(userName) ? SignIn.CHALLENGED : SignIn.SIGNED_IN;
    }

    @Override
    public Optional<PoolUser> user(String userName) {
        return Optional.ofNullable(users.get(userName));
    }
}
