package io.poolsync.config;

/**
 * The mapping settings' defaults, in one place for the daemon's {@link PoolsyncConfig} and the migrate-user trigger,
 * which reads the same settings from its environment without SmallRye Config.
 */
public final class MappingDefaults {

    /** Cognito won't take identities through AdminCreateUser: they belong to federated sign-in. */
    public static final String EXCLUDE = "identities";
    public static final String VERIFIED_FLAG = "copy";
    public static final String SOURCE_SUB_ATTRIBUTE = "custom:source_sub";

    private MappingDefaults() {
    }
}
