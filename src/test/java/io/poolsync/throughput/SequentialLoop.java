package io.poolsync.throughput;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

/**
 * The peer: the seed article's boto3 loop written in Java with the SDK's default client. It pages through the source
 * and, one user at a time, calls AdminCreateUser (SUPPRESS) and then AdminSetUserPassword(Permanent). It copies the
 * same attributes poolsync does (the source sub into custom:source_sub) so both leave the same target behind.
 */
final class SequentialLoop {

    private static final String PASSWORD_CHARACTERS = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    record Outcome(Duration wall, long users, long failed) {
    }

    private SequentialLoop() {
    }

    static Outcome run(CognitoIdentityProviderClient client, String sourcePool, String targetPool) {
        SecureRandom random = new SecureRandom();
        long users = 0;
        long failed = 0;
        long start = System.nanoTime();
        String token = null;
        do {
            String pageToken = token;
            ListUsersResponse page = client.listUsers(r -> r.userPoolId(sourcePool).limit(60).paginationToken(pageToken));
            for (UserType user : page.users()) {
                users++;
                List<AttributeType> attributes = user.attributes().stream()
                        .map(a -> a.name().equals("sub") ? a.toBuilder().name(MigrationPools.SOURCE_SUB).build() : a)
                        .toList();
                String password = password(random);
                try {
                    client.adminCreateUser(r -> r.userPoolId(targetPool).username(user.username())
                            .userAttributes(attributes).messageAction(MessageActionType.SUPPRESS));
                    client.adminSetUserPassword(r -> r.userPoolId(targetPool).username(user.username())
                            .password(password).permanent(true));
                    if (!user.enabled()) {
                        client.adminDisableUser(r -> r.userPoolId(targetPool).username(user.username()));
                    }
                } catch (SdkException e) {
                    failed++; // the article's loop has no error handling; this one counts and goes on
                }
            }
            token = page.paginationToken();
        } while (token != null && !token.isEmpty());
        return new Outcome(Duration.ofNanos(System.nanoTime() - start), users, failed);
    }

    /** A random password meeting Cognito's default policy: upper, lower, digit and symbol, 16 characters. */
    private static String password(SecureRandom random) {
        StringBuilder password = new StringBuilder("Aa1!");
        for (int i = 0; i < 12; i++) {
            password.append(PASSWORD_CHARACTERS.charAt(random.nextInt(PASSWORD_CHARACTERS.length())));
        }
        return password.toString();
    }
}
