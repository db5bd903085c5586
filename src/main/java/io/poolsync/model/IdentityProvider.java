package io.poolsync.model;

/**
 * An identity provider of a pool, as ListIdentityProviders lists it.
 *
 * @param type {@code SAML}, {@code Facebook}, {@code Google}, {@code LoginWithAmazon}, {@code SignInWithApple} or
 *             {@code OIDC}
 */
public record IdentityProvider(String name, String type) {
}
