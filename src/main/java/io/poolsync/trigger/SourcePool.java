package io.poolsync.trigger;

import java.util.Optional;

import io.poolsync.model.PoolUser;

/** What the trigger asks of the source pool. */
interface SourcePool {

    enum SignIn {
        /** The password alone signed the user in. */
        SIGNED_IN,
        /** The password was right, and the source asked for more: a new password or a second factor. */
        CHALLENGED
    }

    /**
     * Signs the user in with this password.
     *
     * @throws MigrationFailedException denied when the source refuses: wrong password, unknown, disabled or
     *                                  unconfirmed user; unavailable when it can't answer
     */
    SignIn signIn(String userName, String password);

    /**
     * The user by username or alias, empty when the source has none.
     *
     * @throws MigrationFailedException unavailable when the source can't answer
     */
    Optional<PoolUser> user(String userName);
}
