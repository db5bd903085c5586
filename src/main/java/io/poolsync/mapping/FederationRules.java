package io.poolsync.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.poolsync.model.LinkedIdentity;
import io.poolsync.model.UserStatus;

/**
 * How a source user's linked identities reach the target. Cognito can't create a federated user, but
 * AdminLinkProviderForUser links an identity to a native user, and the user's next sign-in through that provider signs
 * them in as the native user (API reference, AdminLinkProviderForUser; developer guide, "Linking federated users to an
 * existing user profile").
 *
 * @param link              whether links are made at all ({@code poolsync.federation.link})
 * @param providerNames     source provider name to target provider name ({@code poolsync.federation.providers})
 * @param targetProviders   the target pool's identity providers, read at start-up (ListIdentityProviders)
 * @param passwordReset     whether federated-only users get a permanent random password, and so Forgot Password
 *                          ({@code poolsync.federation.password-reset})
 * @param cannotLink        why no identity can be linked in this target at all; empty when links can be made
 */
public record FederationRules(boolean link, Map<String, String> providerNames, Set<String> targetProviders,
        boolean passwordReset, Optional<String> cannotLink) {

    /** "The maximum number of federated identities linked to a user is five." (API reference, AdminLinkProviderForUser) */
    public static final int MAX_LINKS = 5;
    public static final FederationRules OFF = new FederationRules(false, Map.of(), Set.of(), false, Optional.empty());

    public FederationRules {
        providerNames = Map.copyOf(providerNames);
        targetProviders = Set.copyOf(targetProviders);
    }

    /** A user Cognito created at a federated sign-in: it has no password and signs in only through its provider. */
    public static boolean federatedOnly(String status) {
        return UserStatus.EXTERNAL_PROVIDER.equals(status);
    }

    public String targetProvider(String sourceProvider) {
        return providerNames.getOrDefault(sourceProvider, sourceProvider);
    }

    /**
     * The Username a federated-only user gets in a target that signs in by username: its source sub. Its source
     * username, {@code <Provider>_<subject>}, is what Cognito names the federated profile of that identity; a native
     * user of that name would be taken for the identity itself, and the link refused ("Cognito users with a
     * username/password may not be passed in as a SourceUser"). The sub is unique in the source, never of that form,
     * and is the value poolsync records as the owner mark anyway.
     */
    public static String federatedUsername(String sourceSub) {
        return sourceSub;
    }

    /**
     * What to link for one user, given what the target's {@code identities} attribute says is linked already.
     *
     * @param source         the source user's identities (provider names as in the source)
     * @param linked         the target user's identities (provider names as in the target); empty for a user to create
     * @param targetUsername the native target user's Username
     */
    public Links links(List<LinkedIdentity> source, List<LinkedIdentity> linked, String targetUsername) {
        List<LinkedIdentity> toLink = new ArrayList<>();
        List<String> missingProviders = new ArrayList<>();
        List<String> notLinked = new ArrayList<>();
        int slots = MAX_LINKS - linked.size();
        for (LinkedIdentity identity : source.stream().sorted(LinkedIdentity.LINK_ORDER).toList()) {
            String provider = targetProvider(identity.providerName());
            if (linked.stream().anyMatch(existing -> existing.sameIdentity(provider, identity.userId()))
                    || toLink.stream().anyMatch(added -> added.sameIdentity(provider, identity.userId()))) {
                continue;
            }
            if (cannotLink.isPresent()) {
                notLinked.add(provider + ": " + cannotLink.get());
            } else if (!targetProviders.contains(provider)) {
                missingProviders.add(provider);
            } else if (targetUsername.toLowerCase(Locale.ROOT)
                    .equals((provider + "_" + identity.userId()).toLowerCase(Locale.ROOT))) {
                notLinked.add(provider + ": the target username " + targetUsername
                        + " is that identity's own federated username, which Cognito refuses to link to");
            } else if (slots <= 0) {
                notLinked.add(provider + ": the user already has " + MAX_LINKS + " linked identities, Cognito's maximum");
            } else {
                slots--;
                toLink.add(new LinkedIdentity(provider, identity.providerType(), identity.userId(), identity.issuer(),
                        identity.primary(), identity.dateCreated()));
            }
        }
        return new Links(toLink, missingProviders, notLinked);
    }

    /**
     * @param toLink           identities to link, provider names as in the target
     * @param missingProviders target provider names the target pool lacks, one per identity that can't be linked so
     * @param notLinked        other identities that can't be linked, each with its reason
     */
    public record Links(List<LinkedIdentity> toLink, List<String> missingProviders, List<String> notLinked) {

        public Links {
            toLink = List.copyOf(toLink);
            missingProviders = List.copyOf(missingProviders);
            notLinked = List.copyOf(notLinked);
        }
    }
}
