package io.poolsync.preflight;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.poolsync.model.PoolDescription;
import io.poolsync.model.PoolDescription.AppClient;

/**
 * Everything the analyser looks at. A read that failed is empty here and named in {@code unreadable}.
 *
 * @param sourceFactors   the MFA factors the source offers (GetUserPoolMfaConfig)
 * @param targetFactors   the MFA factors the target offers
 * @param targetClients   the target's app clients (ListUserPoolClients, DescribeUserPoolClient)
 * @param targetProviders the target's identity provider names (ListIdentityProviders)
 * @param unreadable      the reads that failed
 */
public record PreflightInput(PoolDescription source, PoolDescription target, Optional<Set<String>> sourceFactors,
        Optional<Set<String>> targetFactors, Optional<List<AppClient>> targetClients,
        Optional<List<String>> targetProviders, SourceCounts counts, CutoverSettings settings, List<Unreadable> unreadable) {

    public PreflightInput {
        unreadable = List.copyOf(unreadable);
    }

    /** A read that failed: the operation, {@code source} or {@code target}, and Cognito's error. */
    public record Unreadable(String operation, String pool, String error) {
    }
}
