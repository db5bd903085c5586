package io.poolsync.trigger;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.poolsync.mapping.AttributeRules;
import io.poolsync.model.PoolUser;
import io.poolsync.model.UserStatus;

/**
 * Decides, for one Migrate User event, which user the target pool creates, from what the source pool says. Whoever
 * the source wouldn't let in is refused.
 */
final class UserMigration {

    /** Source statuses from which a password sign-in or a reset leads somewhere; the daemon's default statuses too. */
    private static final Set<String> MIGRATED_STATUSES = Set.of(UserStatus.CONFIRMED, UserStatus.FORCE_CHANGE_PASSWORD,
            UserStatus.RESET_REQUIRED);

    private final SourcePool source;
    private final AttributeRules rules;

    UserMigration(SourcePool source, AttributeRules rules) {
        this.source = source;
        this.rules = rules;
    }

    MigrationAnswer answer(MigrateUserEvent event) {
        return switch (event.triggerSource()) {
            case AUTHENTICATION -> signIn(event.userName(), event.password());
            case FORGOT_PASSWORD -> new MigrationAnswer(attributes(migratedUser(event.userName())), Optional.empty());
        };
    }

    private MigrationAnswer signIn(String userName, String password) {
        if (password == null || password.isEmpty()) {
            throw MigrationFailedException.denied("the sign-in event carries no password");
        }
        SourcePool.SignIn signIn = source.signIn(userName, password);
        PoolUser user = migratedUser(userName);
        // The password may become the user's password in the target only where it alone was enough in the source.
        // Otherwise the source wanted more (a new password in place of a temporary one, or a second factor) that the
        // trigger can't ask for, so the user proves their address with a reset code instead.
        boolean passwordSuffices = signIn == SourcePool.SignIn.SIGNED_IN && UserStatus.CONFIRMED.equals(user.status());
        return new MigrationAnswer(attributes(user),
                Optional.of(passwordSuffices ? MigrationAnswer.CONFIRMED : MigrationAnswer.RESET_REQUIRED));
    }

    private PoolUser migratedUser(String userName) {
        PoolUser user = source.user(userName)
                .orElseThrow(() -> MigrationFailedException.denied("the source pool has no such user"));
        if (!user.enabled()) {
            throw MigrationFailedException.denied("the source user is disabled");
        }
        if (!MIGRATED_STATUSES.contains(user.status())) {
            throw MigrationFailedException.denied("the source user is " + user.status());
        }
        return user;
    }

    private Map<String, String> attributes(PoolUser user) {
        return rules.desire(user).attributes();
    }
}
