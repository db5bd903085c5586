package io.poolsync.preflight;

import java.util.Map;

/**
 * What one scan of the source counted, for the findings and the estimate.
 *
 * @param users                    every source user
 * @param byStatus                 users per Cognito user status
 * @param replicable               users in a replicated status and not federated: the users a cutover moves
 * @param disabled                 replicable users that are disabled
 * @param keyCollisions            users whose target key (username, email or phone) equals another user's, ignoring
 *                                 case
 * @param withoutSignInAttribute   replicable users lacking the attribute the target signs in with (when it signs in by
 *                                 email or phone)
 * @param lackingRequired          per target-required attribute, the replicable users without a value for it
 * @param withoutVerifiedAddress   replicable users with neither a verified email nor a verified phone number
 * @param withEmail                replicable users with an email address
 * @param withPhone                replicable users with a phone number
 * @param federatedByProvider      federated (EXTERNAL_PROVIDER) users per identity provider name
 */
public record SourceCounts(int users, Map<String, Integer> byStatus, int replicable, int disabled, int keyCollisions,
        int withoutSignInAttribute, Map<String, Integer> lackingRequired, int withoutVerifiedAddress, int withEmail,
        int withPhone, Map<String, Integer> federatedByProvider) {

    public SourceCounts {
        byStatus = Map.copyOf(byStatus);
        lackingRequired = Map.copyOf(lackingRequired);
        federatedByProvider = Map.copyOf(federatedByProvider);
    }
}
