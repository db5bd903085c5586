package io.poolsync.cognito;

import java.util.OptionalLong;

/** The pool a sync pass copies from: its users, groups and members, and one user's MFA settings. Never written. */
public interface SourcePool extends PoolReader, SignInReader {

    /** DescribeUserPool's EstimatedNumberOfUsers; empty when Cognito gives none. */
    OptionalLong estimatedUsers();
}
