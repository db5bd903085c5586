package io.poolsync.cognito;

import java.util.OptionalLong;

/**
 * The pool a sync pass writes to: read for the plan and re-read before each write, written through the API, through
 * CSV import jobs, and for linked identities and MFA settings.
 */
public interface TargetPool extends PoolReader, PoolWriter, PoolImporter, SignInReader, SignInWriter {

    /** DescribeUserPool's EstimatedNumberOfUsers; empty when Cognito gives none. */
    OptionalLong estimatedUsers();
}
