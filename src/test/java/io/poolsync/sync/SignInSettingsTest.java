package io.poolsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.poolsync.config.PoolsyncConfig;
import io.poolsync.model.IdentityProvider;
import io.poolsync.model.MfaFactors;
import io.poolsync.model.MfaSettings;

class SignInSettingsTest {

    record Federation(boolean link, Optional<List<String>> providers, boolean passwordReset)
            implements PoolsyncConfig.Federation {
    }

    record Mfa(boolean copy, int refreshEvery) implements PoolsyncConfig.Mfa {
    }

    private static final List<IdentityProvider> SOURCE = List.of(new IdentityProvider("Google", "Google"),
            new IdentityProvider("OldOkta", "OIDC"), new IdentityProvider("Twitter", "OIDC"));
    private static final List<IdentityProvider> TARGET = List.of(new IdentityProvider("Google", "Google"),
            new IdentityProvider("Okta", "OIDC"));
    private static final MfaFactors SMS_ONLY = new MfaFactors("OPTIONAL", Set.of(MfaSettings.SMS));

    @Test
    void mapsProvidersAndReportsThoseTheTargetLacks() {
        List<String> problems = new ArrayList<>();

        SignInSettings settings = SignInSettings.from(new Federation(true, Optional.of(List.of("OldOkta->Okta")), false),
                new Mfa(true, 7), SOURCE, TARGET, SMS_ONLY, Set.of(), problems);

        assertThat(problems).isEmpty();
        assertThat(settings.federation().targetProvider("OldOkta")).isEqualTo("Okta");
        assertThat(settings.federation().targetProviders()).containsExactlyInAnyOrder("Google", "Okta");
        assertThat(settings.federation().cannotLink()).isEmpty();
        assertThat(settings.missingProviders()).containsExactly("Twitter");
        assertThat(settings.warnings()).singleElement().asString().contains("[Twitter]");
        assertThat(settings.mfa().target()).isEqualTo(SMS_ONLY);
    }

    @Test
    void aMappingToAProviderTheTargetLacksOrMalformedFailsStartUp() {
        List<String> problems = new ArrayList<>();

        SignInSettings.from(new Federation(true, Optional.of(List.of("OldOkta->Auth0", "Google")), false),
                new Mfa(true, 7), SOURCE, TARGET, SMS_ONLY, Set.of(), problems);

        assertThat(problems).containsExactly("poolsync.federation.providers: 'Google' is not of the form from->to",
                "poolsync.federation.providers: OldOkta->Auth0 names Auth0, which is not an identity provider of the "
                        + "target pool (it has [Google, Okta])");
    }

    @Test
    void anImmutableAttributePoolsyncWritesStopsEveryLink() {
        SignInSettings settings = SignInSettings.from(new Federation(true, Optional.empty(), false), new Mfa(true, 7),
                List.of(), TARGET, SMS_ONLY, Set.of("custom:source_sub"), new ArrayList<>());

        assertThat(settings.federation().cannotLink()).get().asString().contains("custom:source_sub");
        assertThat(settings.warnings()).singleElement().asString().startsWith("no identity can be linked");
    }

    @Test
    void linkOffWarnsOfNothingAndMfaOffTargetIsReported() {
        SignInSettings settings = SignInSettings.from(new Federation(false, Optional.empty(), false), new Mfa(true, 7),
                SOURCE, List.of(), new MfaFactors("OFF", Set.of(MfaSettings.SMS)), Set.of("custom:source_sub"),
                new ArrayList<>());

        assertThat(settings.federation().link()).isFalse();
        assertThat(settings.missingProviders()).isEmpty();
        assertThat(settings.warnings()).singleElement().asString().startsWith("the target pool has MFA OFF");
    }

    @Test
    void aNegativeRefreshCadenceFailsStartUpNamingTheSetting() {
        List<String> problems = new ArrayList<>();

        SignInSettings.from(new Federation(false, Optional.empty(), false), new Mfa(true, -1), SOURCE, TARGET, SMS_ONLY,
                Set.of(), problems);

        assertThat(problems).containsExactly("poolsync.mfa.refresh-every must be a number of runs, or 0 for never: -1");
    }
}
