package io.poolsync.mapping;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import io.poolsync.config.VerifiedFlagPolicy;
import io.poolsync.model.DesiredUser;
import io.poolsync.model.PoolUser;

/**
 * Turns a source user into the user the target should hold: drops excluded attributes, applies renames, applies the
 * verified-flag policy and records the source sub.
 *
 * @param renames            source attribute name to target attribute name
 * @param sourceSubAttribute target attribute that receives the source sub; empty when the target schema lacks it
 */
public record AttributeRules(Set<String> excluded, Map<String, String> renames, VerifiedFlagPolicy emailVerified,
        VerifiedFlagPolicy phoneNumberVerified, Optional<String> sourceSubAttribute) {

    public static final String EMAIL = "email";
    public static final String EMAIL_VERIFIED = "email_verified";
    public static final String PHONE = "phone_number";
    public static final String PHONE_VERIFIED = "phone_number_verified";

    public AttributeRules {
        excluded = Set.copyOf(excluded);
        renames = Map.copyOf(renames);
    }

    /**
     * The rules from the {@code poolsync.mapping.*} settings, read the same way by the daemon and the migrate-user
     * trigger, so a migrated user looks as if the daemon had created it. {@code sub} is always excluded: the target
     * issues its own.
     *
     * @param settingName how a problem names a setting: the property itself for the daemon, the environment variable
     *                    for the trigger
     * @param renamePairs {@code source-name->target-name}
     * @param problems    receives each setting that can't work, named
     */
    public static AttributeRules fromSettings(UnaryOperator<String> settingName, Collection<String> exclude,
            List<String> renamePairs, VerifiedFlagPolicy emailVerified, VerifiedFlagPolicy phoneNumberVerified,
            Optional<String> sourceSubAttribute, List<String> problems) {
        Map<String, String> renames = NamePairs.parse(settingName.apply("poolsync.mapping.renames"), renamePairs, problems);
        if (renames.remove(PoolUser.SUB) != null) {
            problems.add(settingName.apply("poolsync.mapping.renames") + ": sub can't be renamed; it goes to "
                    + settingName.apply("poolsync.mapping.source-sub-attribute"));
        }
        Set<String> excluded = new HashSet<>(exclude);
        excluded.add(PoolUser.SUB);
        return new AttributeRules(excluded, renames, emailVerified, phoneNumberVerified, sourceSubAttribute);
    }

    /** The target attribute name a source attribute is written to, or empty when it is not written at all. */
    public Optional<String> targetName(String sourceName) {
        if (sourceName.equals(PoolUser.SUB) || excluded.contains(sourceName)) {
            return Optional.empty();
        }
        return Optional.of(renames.getOrDefault(sourceName, sourceName));
    }

    public DesiredUser desire(PoolUser source) {
        Map<String, String> attributes = new HashMap<>();
        source.attributes().forEach((name, value) -> targetName(name).ifPresent(target -> attributes.put(target, value)));
        applyVerifiedPolicy(attributes, EMAIL, EMAIL_VERIFIED, emailVerified);
        applyVerifiedPolicy(attributes, PHONE, PHONE_VERIFIED, phoneNumberVerified);
        String sub = source.attribute(PoolUser.SUB).orElse("");
        if (!sub.isEmpty()) {
            sourceSubAttribute.ifPresent(name -> attributes.put(name, sub));
        }
        return new DesiredUser(source.username(), sub, source.status(), source.enabled(), attributes, Set.of(),
                source.createdAt());
    }

    /** A flag is only meaningful beside the address it verifies, so it is dropped when the address is absent. */
    private static void applyVerifiedPolicy(Map<String, String> attributes, String address, String flag,
            VerifiedFlagPolicy policy) {
        if (!attributes.containsKey(address)) {
            attributes.remove(flag);
            return;
        }
        switch (policy) {
            case COPY -> attributes.computeIfPresent(flag, (name, value) -> Boolean.toString(Boolean.parseBoolean(value)));
            case TRUE -> attributes.put(flag, "true");
            case FALSE -> attributes.put(flag, "false");
        }
    }
}
