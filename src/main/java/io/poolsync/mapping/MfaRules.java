package io.poolsync.mapping;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.poolsync.model.MfaFactors;
import io.poolsync.model.MfaSettings;

/**
 * Which of a source user's MFA settings the target can take, and which existing users a run compares again.
 * AdminSetUserMFAPreference turns on SMS and email MFA for a user (API reference, AdminSetUserMFAPreference), where
 * the target pool has that factor configured (GetUserPoolMfaConfig). A TOTP authenticator can't be copied: its secret
 * is never readable (developer guide, "TOTP software token MFA"), and Cognito enables TOTP only for a user who verified
 * a token, so those users re-enrol.
 *
 * @param copy         whether MFA settings are copied at all ({@code poolsync.mfa.copy})
 * @param target       the factors the target pool allows
 * @param refreshEvery every how many runs an existing user's MFA settings are compared again
 *                     ({@code poolsync.mfa.refresh-every}); 0: never
 */
public record MfaRules(boolean copy, MfaFactors target, int refreshEvery) {

    private static final Set<String> COPYABLE = Set.of(MfaSettings.SMS, MfaSettings.EMAIL);

    /** The settings the target user should have: the source's SMS and email factors the target allows. */
    public MfaSettings desired(MfaSettings source) {
        return source.only(copyable());
    }

    /** Whether the user used TOTP in the source and must set up an authenticator again in the target. */
    public static boolean reEnrolTotp(MfaSettings source) {
        return source.uses(MfaSettings.TOTP);
    }

    /** Whether any settings can be copied: copying is on and the target has an SMS or email factor. */
    public boolean copies() {
        return copy && !copyable().isEmpty();
    }

    /**
     * Whether run number {@code run} compares this existing user's settings again. Users are split into
     * {@code refreshEvery} slices by a hash of their source sub, which never changes, and run {@code n} takes slice
     * {@code n mod refreshEvery}: each user once every {@code refreshEvery} consecutive runs, and a run reads only a
     * share of the users, since each read is an AdminGetUser that makes the user a monthly active user.
     */
    public boolean refreshDue(String sourceSub, long run) {
        return copies() && refreshEvery > 0 && !sourceSub.isEmpty()
                && slice(sourceSub, refreshEvery) == Math.floorMod(run, refreshEvery);
    }

    /** The slice of {@code slices} a source sub falls in: the same in every run and every process. */
    static int slice(String sourceSub, int slices) {
        // String.hashCode is specified by the language, so stable across JVMs; mixed, since subs share long prefixes.
        int h = sourceSub.hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return Integer.remainderUnsigned(h, slices);
    }

    /**
     * What AdminSetUserMFAPreference must set on an existing target user for its SMS and email MFA to be the source
     * user's; empty when they already agree. A preference for TOTP the user set up in the target is theirs: the SMS
     * and email factors are set then without taking the preference from it.
     */
    public Optional<MfaSettings> change(MfaSettings source, MfaSettings target) {
        MfaSettings desired = desired(source);
        if (target.preferred().filter(MfaSettings.TOTP::equals).isPresent()) {
            desired = new MfaSettings(desired.enabled(), Optional.empty());
        }
        return desired.equals(target.only(copyable())) ? Optional.empty() : Optional.of(desired);
    }

    private Set<String> copyable() {
        return COPYABLE.stream().filter(target::allows).collect(Collectors.toSet());
    }
}
