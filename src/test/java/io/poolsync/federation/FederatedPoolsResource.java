package io.poolsync.federation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.poolsync.fake.FakeCognito;
import io.poolsync.fake.Quotas;
import io.poolsync.testing.ResourceSettings;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The fake Cognito with a source pool of federated users, linked identities and MFA set-ups, and an empty target with
 * some of the source's identity providers and SMS and TOTP MFA. cognito-local has no identity providers, links or
 * AdminSetUserMFAPreference, so these run against the fake.
 */
public class FederatedPoolsResource implements QuarkusTestResourceLifecycleManager {

    static final String FED_SUB = "0a1b2c3d-0000-4000-8000-000000000001";
    static final String TWITTER_SUB = "0a1b2c3d-0000-4000-8000-000000000002";

    /** Marks a {@link Pools} field to receive the running fake and its pools. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectPools {
    }

    record Pools(FakeCognito fake, String source, String target) {
    }

    private final Map<String, String> args = new HashMap<>();
    private Pools pools;

    @Override
    public void init(Map<String, String> initArgs) {
        args.putAll(initArgs);
    }

    @Override
    public Map<String, String> start() {
        FakeCognito fake = FakeCognito.builder().quotas(Quotas.unlimited()).start();
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
                software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType.CONFIRMED);
        fake.seedIdentity(source, "nina", "Okta", "OIDC", "o-222");
        fake.seedUser(source, "sam", Map.of("phone_number", "+15550123"), true,
                software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType.CONFIRMED);
        fake.seedUserMfa(source, "sam", List.of("SMS_MFA"), "SMS_MFA");
        fake.seedUser(source, "tina", Map.of("email", "tina@example.com"), true,
                software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType.CONFIRMED);
        fake.seedUserMfa(source, "tina", List.of("SOFTWARE_TOKEN_MFA"), "SOFTWARE_TOKEN_MFA");

        pools = new Pools(fake, source, target);
        return ResourceSettings.of(source, target, fake.endpoint(), Map.of(), args);
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(pools, new TestInjector.AnnotatedAndMatchesType(InjectPools.class, Pools.class));
    }

    @Override
    public void stop() {
        if (pools != null) {
            pools.fake().close();
        }
    }
}
