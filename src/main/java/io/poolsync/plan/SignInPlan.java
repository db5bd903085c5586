package io.poolsync.plan;

import java.util.List;
import java.util.Optional;

import io.poolsync.model.LinkedIdentity;
import io.poolsync.model.MfaSettings;

/**
 * What one run does about how a user signs in: the identities to link, and the MFA settings to set.
 *
 * @param federatedOnly    the source user is federated (EXTERNAL_PROVIDER): no password, no invitation
 * @param links            identities to link, provider names as in the target
 * @param notLinked        identities that can't be linked, each with its reason
 * @param missingProviders target provider names the target lacks, one per identity not linked for that
 * @param mfa              the SMS and email MFA settings to set after a create, or on an existing user whose settings
 *                         differ from its source user's; empty when there are none, or they weren't read
 * @param reEnrolTotp      the user had TOTP in the source, which can't be copied
 * @param mfaRead          the source user's MFA settings were read (one AdminGetUser on the source)
 * @param mfaRefreshed     an existing user's MFA settings were compared with its source user's
 *                         ({@code poolsync.mfa.refresh-every}): one AdminGetUser on each pool
 */
public record SignInPlan(boolean federatedOnly, List<LinkedIdentity> links, List<String> notLinked,
        List<String> missingProviders, Optional<MfaSettings> mfa, boolean reEnrolTotp, boolean mfaRead,
        boolean mfaRefreshed) {

    public static final SignInPlan NONE = new SignInPlan(false, List.of(), List.of(), List.of(), Optional.empty(), false,
            false, false);

    public SignInPlan {
        links = List.copyOf(links);
        notLinked = List.copyOf(notLinked);
        missingProviders = List.copyOf(missingProviders);
    }

    /** Whether the plan has anything to report about this user. */
    public boolean reported() {
        return !links.isEmpty() || !notLinked.isEmpty() || !missingProviders.isEmpty() || mfa.isPresent() || reEnrolTotp;
    }

    /** With the user's MFA settings read from the source: those to set, and whether TOTP must be re-enrolled. */
    public SignInPlan withMfa(MfaSettings toSet, boolean totp) {
        return new SignInPlan(federatedOnly, links, notLinked, missingProviders,
                toSet.enabled().isEmpty() ? Optional.empty() : Optional.of(toSet), totp, true, false);
    }

    /**
     * With an existing user's MFA settings compared with its source user's: those to set where they differ (turning
     * factors off too), and whether TOTP must be re-enrolled.
     */
    public SignInPlan withMfaRefreshed(Optional<MfaSettings> change, boolean totp) {
        return new SignInPlan(federatedOnly, links, notLinked, missingProviders, change, totp, true, true);
    }

    /** With these links planned, and the MFA settings as they are. */
    SignInPlan withLinks(boolean federated, List<LinkedIdentity> toLink, List<String> unlinkable,
            List<String> missing) {
        return new SignInPlan(federated, toLink, unlinkable, missing, mfa, reEnrolTotp, mfaRead, mfaRefreshed);
    }
}
