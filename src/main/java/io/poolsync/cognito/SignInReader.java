package io.poolsync.cognito;

import java.util.List;

import io.poolsync.model.IdentityProvider;
import io.poolsync.model.MfaFactors;
import io.poolsync.model.MfaSettings;

/** Reads how a pool's users sign in: its identity providers and MFA factors, and one user's MFA settings. */
public interface SignInReader {

    /** ListIdentityProviders, every page. */
    List<IdentityProvider> identityProviders();

    /** GetUserPoolMfaConfig: the factors the pool lets users turn on. */
    MfaFactors mfaFactors();

    /**
     * AdminGetUser's {@code UserMFASettingList} and {@code PreferredMfaSetting}. Makes the user a monthly active user.
     *
     * @throws PoolCallException with {@code UserNotFoundException} when the user is gone
     */
    MfaSettings mfaSettings(String username);
}
