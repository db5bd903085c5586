package io.poolsync.model;

import java.util.Comparator;
import java.util.Objects;

/**
 * One entry of a user's {@code identities} attribute: an identity of an external identity provider that signs in as
 * this user (AWS developer guide, "Linking federated users to an existing user profile").
 *
 * @param providerName the identity provider's name in the pool, e.g. {@code Google} or {@code ADFS1}
 * @param providerType {@code Google}, {@code SAML}, {@code OIDC}, ...; may be empty
 * @param userId       the user's subject at the provider: what AdminLinkProviderForUser's {@code Cognito_Subject} takes
 * @param issuer       the provider's issuer; may be empty
 * @param primary      the identity Cognito created the user from (a federated user's own identity)
 * @param dateCreated  epoch milliseconds; 0 when the attribute does not say
 */
public record LinkedIdentity(String providerName, String providerType, String userId, String issuer, boolean primary,
        long dateCreated) {

    /** The order links are made in when a user has more than Cognito takes: the primary identity, then the oldest. */
    public static final Comparator<LinkedIdentity> LINK_ORDER = Comparator.comparing(LinkedIdentity::primary).reversed()
            .thenComparingLong(LinkedIdentity::dateCreated)
            .thenComparing(LinkedIdentity::providerName)
            .thenComparing(LinkedIdentity::userId);

    public LinkedIdentity {
        Objects.requireNonNull(providerName);
        Objects.requireNonNull(userId);
        providerType = providerType == null ? "" : providerType;
        issuer = issuer == null ? "" : issuer;
    }

    /** Whether this is the same provider identity, whatever the provider's name and the dates say. */
    public boolean sameIdentity(String provider, String subject) {
        return providerName.equals(provider) && userId.equals(subject);
    }
}
