package io.poolsync.model;

import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A user's MFA set-up as AdminGetUser reports it: {@code UserMFASettingList} and {@code PreferredMfaSetting}
 * (API reference, AdminGetUser).
 *
 * @param enabled   the enabled factors: {@link #SMS}, {@link #EMAIL} and / or {@link #TOTP}
 * @param preferred the factor Cognito asks for first, if the user has one
 */
public record MfaSettings(Set<String> enabled, Optional<String> preferred) {

    public static final String SMS = "SMS_MFA";
    public static final String EMAIL = "EMAIL_OTP";
    public static final String TOTP = "SOFTWARE_TOKEN_MFA";
    public static final MfaSettings NONE = new MfaSettings(Set.of(), Optional.empty());

    public MfaSettings {
        enabled = Collections.unmodifiableSet(new TreeSet<>(enabled));
    }

    public boolean uses(String factor) {
        return enabled.contains(factor);
    }

    /** Only the factors in {@code kept}; the preference goes with its factor. */
    public MfaSettings only(Set<String> kept) {
        Set<String> remaining = new TreeSet<>(enabled);
        remaining.retainAll(kept);
        return new MfaSettings(remaining, preferred.filter(remaining::contains));
    }
}
