package io.poolsync.mapping;

import java.util.Set;
import java.util.stream.Collectors;

import io.poolsync.model.MfaFactors;
import io.poolsync.model.MfaSettings;

/**
 * Which of a source user's MFA settings the target can take. AdminSetUserMFAPreference turns on SMS and email MFA for a
 * user (API reference, AdminSetUserMFAPreference), where the target pool has that factor configured
 * (GetUserPoolMfaConfig). A TOTP authenticator can't be copied: its secret is never readable (developer guide, "TOTP
 * software token MFA"), and Cognito enables TOTP only for a user who verified a token, so those users re-enrol.
 *
 * @param copy   whether MFA settings are copied at all ({@code poolsync.mfa.copy})
 * @param target the factors the target pool allows
 */
public record MfaRules(boolean copy, MfaFactors target) {

    private static final Set<String> COPYABLE = Set.of(MfaSettings.SMS, MfaSettings.EMAIL);

    /** The settings the target user should have: the source's SMS and email factors the target allows. */
    public MfaSettings desired(MfaSettings source) {
        return source.only(COPYABLE.stream().filter(target::allows).collect(Collectors.toSet()));
    }

    /** Whether the user used TOTP in the source and must set up an authenticator again in the target. */
    public static boolean reEnrolTotp(MfaSettings source) {
        return source.uses(MfaSettings.TOTP);
    }
}
