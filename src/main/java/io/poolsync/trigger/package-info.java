/**
 * Cognito's Migrate User Lambda trigger: when someone the target pool doesn't know signs in with a password or asks to
 * reset one, it checks them against the source pool and tells Cognito what user to create, so users keep their
 * passwords across the move.
 * <p>
 * This package runs in AWS Lambda, not in the Quarkus daemon: it is packaged on its own, with the mapping rules and the
 * SDK it calls, as {@code target/poolsync-migrate-user-lambda.zip}. So nothing here may use Quarkus, CDI or MicroProfile
 * Config, and only {@code io.poolsync.mapping}, {@code io.poolsync.model} and
 * {@link io.poolsync.config.InvalidConfigException} may be used from the rest of poolsync.
 */
package io.poolsync.trigger;
