package io.poolsync.federation;

import java.util.List;
import java.util.Map;

import io.poolsync.fake.FakeCognito;
import io.poolsync.testing.Emulator;
import io.poolsync.testing.PoolSeed;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

/**
 * A source pool in the fake with federated users, linked identities and MFA set-ups, and an empty target with some of
 * the source's identity providers and SMS and TOTP MFA. cognito-local has no identity providers, links or
 * AdminSetUserMFAPreference, so these live in the fake.
 */
record FederatedPools(FakeCognito fake, String source, String target) {

    static final String FED_SUB = "0a1b2c3d-0000-4000-8000-000000000001";
    static final String TWITTER_SUB = "0a1b2c3d-0000-4000-8000-000000000002";

    public static final class Seed implements PoolSeed<FederatedPools> {
        @Override
        public Seeded<FederatedPools> create(Emulator emulator, Map<String, String> args) {
            FakeCognito fake = emulator.fake();
            String source = fake.seedPool("source");
            // A mutable owner mark: Cognito links identities only to users whose attributes are all mutable.
            String target = fake.seedPool("target", "source_sub");
            for (String provider : List.of("Google", "Okta", "Twitter")) {
                fake.seedIdentityProvider(source, provider, provider.equals("Google") ? "Google" : "OIDC");
            }
            fake.seedIdentityProvider(target, "Google", "Google");
            fake.seedIdentityProvider(target, "Okta", "OIDC");
            fake.seedPoolMfa(target, "OPTIONAL", true, false, true);

            fake.seedFederatedUser(source, "Google", "Google", "111",
                    Map.of("sub", FED_SUB, "email", "fed@example.com", "given_name", "Fed"));
            fake.seedFederatedUser(source, "Twitter", "OIDC", "333", Map.of("sub", TWITTER_SUB, "email", "tw@example.com"));
            fake.seedUser(source, "nina", Map.of("email", "nina@example.com", "given_name", "Nina"), true,
                    UserStatusType.CONFIRMED);
            fake.seedIdentity(source, "nina", "Okta", "OIDC", "o-222");
            fake.seedUser(source, "sam", Map.of("phone_number", "+15550123"), true, UserStatusType.CONFIRMED);
            fake.seedUserMfa(source, "sam", List.of("SMS_MFA"), "SMS_MFA");
            fake.seedUser(source, "tina", Map.of("email", "tina@example.com"), true, UserStatusType.CONFIRMED);
            fake.seedUserMfa(source, "tina", List.of("SOFTWARE_TOKEN_MFA"), "SOFTWARE_TOKEN_MFA");
            return new Seeded<>(source, target, new FederatedPools(fake, source, target));
        }
    }
}
