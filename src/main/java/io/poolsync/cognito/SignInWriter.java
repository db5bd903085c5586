package io.poolsync.cognito;

import io.poolsync.model.MfaSettings;

/** Writes how a target user signs in: linked identities and MFA settings. Only the applier holds one. */
public interface SignInWriter {

    /**
     * AdminLinkProviderForUser: the provider's user with this subject signs in as the native user {@code username}.
     * Uses {@code Cognito_Subject}, which Cognito requires for social and OIDC providers and which is the subject of
     * SAML ones (API reference, AdminLinkProviderForUser).
     */
    void linkIdentity(String username, String providerName, String subject);

    /**
     * AdminSetUserMFAPreference for SMS and email MFA: each factor enabled or not as {@code settings} says, and
     * preferred if it is the preferred one. TOTP is never written: Cognito enables it only after the user verified a
     * token.
     */
    void setMfaPreference(String username, MfaSettings settings);
}
