package io.poolsync.config;

/** What happens to a group's IAM role ARN in the target: copied, its account mapped, or dropped. */
public enum RoleArnPolicy {
    COPY, MAP, DROP
}
