package io.poolsync.model;

import java.util.Set;

/**
 * The MFA factors a pool lets users turn on (GetUserPoolMfaConfig). With MFA {@code OFF} none; AdminSetUserMFAPreference
 * can only enable a factor the pool has configured.
 *
 * @param mfaConfiguration {@code OFF}, {@code ON} or {@code OPTIONAL}
 * @param factors          of {@link MfaSettings#SMS}, {@link MfaSettings#EMAIL} and {@link MfaSettings#TOTP}, those the
 *                         pool has configured
 */
public record MfaFactors(String mfaConfiguration, Set<String> factors) {

    public MfaFactors {
        factors = "OFF".equals(mfaConfiguration) ? Set.of() : Set.copyOf(factors);
    }

    public boolean allows(String factor) {
        return factors.contains(factor);
    }
}
