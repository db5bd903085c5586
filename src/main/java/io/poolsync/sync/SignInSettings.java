package io.poolsync.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.poolsync.config.PoolsyncConfig;
import io.poolsync.mapping.FederationRules;
import io.poolsync.mapping.MfaRules;
import io.poolsync.mapping.NamePairs;
import io.poolsync.model.IdentityProvider;
import io.poolsync.model.MfaFactors;

/**
 * The federation and MFA settings checked against both pools' identity providers and the target's MFA factors, built
 * once at start-up.
 *
 * @param missingProviders source providers (by target name) the target pool lacks: their identities can't be linked
 * @param warnings         what works but loses something, logged once at start-up
 */
public record SignInSettings(FederationRules federation, MfaRules mfa, Set<String> missingProviders,
        List<String> warnings) {

    public static final SignInSettings OFF = new SignInSettings(FederationRules.OFF,
            new MfaRules(false, new MfaFactors("OFF", Set.of()), 0), Set.of(), List.of());

    /**
     * @param immutableWritten target attributes poolsync writes that are immutable there: Cognito links identities only
     *                         to users without such attributes
     * @param problems         receives each setting that can't work, naming it
     */
    public static SignInSettings from(PoolsyncConfig.Federation federation, PoolsyncConfig.Mfa mfa,
            List<IdentityProvider> sourceProviders, List<IdentityProvider> targetProviders, MfaFactors targetFactors,
            Set<String> immutableWritten, List<String> problems) {
        List<String> warnings = new ArrayList<>();
        Map<String, String> renames = NamePairs.parse("poolsync.federation.providers",
                federation.providers().orElse(List.of()), problems);
        Set<String> sourceNames = new TreeSet<>();
        sourceProviders.forEach(provider -> sourceNames.add(provider.name()));
        Set<String> targetNames = new TreeSet<>();
        targetProviders.forEach(provider -> targetNames.add(provider.name()));
        new TreeMap<>(renames).forEach((from, to) -> {
            if (!targetNames.contains(to)) {
                problems.add("poolsync.federation.providers: " + from + "->" + to + " names " + to
                        + ", which is not an identity provider of the target pool (it has " + targetNames + ")");
            }
        });
        Set<String> missing = new TreeSet<>();
        Optional<String> cannotLink = Optional.empty();
        if (federation.link()) {
            sourceNames.stream().map(name -> renames.getOrDefault(name, name)).filter(name -> !targetNames.contains(name))
                    .forEach(missing::add);
            if (!missing.isEmpty()) {
                warnings.add("the target pool lacks the identity providers " + missing + " of the source pool: "
                        + "identities of those providers are not linked, and federated users who have only such "
                        + "identities are skipped; add them to the target or map them (poolsync.federation.providers)");
            }
            if (!immutableWritten.isEmpty()) {
                // API reference, AdminLinkProviderForUser: "All attributes in the DestinationUser profile must be
                // mutable. If you have assigned the user any immutable custom attributes, the operation won't succeed."
                cannotLink = Optional.of("Cognito links identities only to users whose attributes are all mutable, and "
                        + "poolsync writes the immutable " + String.join(", ", new TreeSet<>(immutableWritten)));
                warnings.add("no identity can be linked: " + cannotLink.get() + " in the target pool; federated "
                        + "users are skipped (poolsync.federation.link)");
            }
        }
        if (mfa.copy() && targetFactors.factors().isEmpty()) {
            warnings.add("the target pool has MFA " + targetFactors.mfaConfiguration() + " and no SMS or email factor "
                    + "configured: no MFA setting is copied (poolsync.mfa.copy)");
        }
        if (mfa.refreshEvery() < 0) {
            problems.add("poolsync.mfa.refresh-every must be a number of runs, or 0 for never: " + mfa.refreshEvery());
        }
        FederationRules rules = new FederationRules(federation.link(), renames, targetNames, federation.passwordReset(),
                cannotLink);
        return new SignInSettings(rules, new MfaRules(mfa.copy(), targetFactors, mfa.refreshEvery()), missing,
                List.copyOf(warnings));
    }
}
