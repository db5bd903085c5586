package io.poolsync.preflight;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.poolsync.mapping.AttributeRules;
import io.poolsync.model.PoolUser;
import io.poolsync.model.UserStatus;

/**
 * Counts what the pre-flight needs to know about the source's users, one user at a time as a scan delivers them. A
 * scan may deliver from several threads, so {@link #add} is synchronized.
 */
public final class SourceCensus {

    /** A federated user's {@code identities} attribute is a JSON array of links, each naming its providerName. */
    private static final Pattern PROVIDER_NAME = Pattern.compile("\"providerName\"\\s*:\\s*\"([^\"]+)\"");

    private final Set<String> replicatedStatuses;
    private final Optional<String> keyAttribute;
    private final Map<String, Optional<String>> requiredSources;

    private final Map<String, Integer> byStatus = new TreeMap<>();
    /** Each target key, lower-cased, and how many users have it. */
    private final Map<String, Integer> keys = new HashMap<>();
    private final Map<String, Integer> lackingRequired = new TreeMap<>();
    private final Map<String, Integer> federatedByProvider = new TreeMap<>();
    private int users;
    private int replicable;
    private int disabled;
    private int withoutSignInAttribute;
    private int withoutVerifiedAddress;
    private int withEmail;
    private int withPhone;

    /**
     * @param replicatedStatuses the statuses poolsync replicates (poolsync.statuses)
     * @param keyAttribute       the attribute the target signs in with (email or phone_number); empty for the username
     * @param requiredSources    per attribute the target requires, the source attribute written to it, if any
     */
    public SourceCensus(Set<String> replicatedStatuses, Optional<String> keyAttribute,
            Map<String, Optional<String>> requiredSources) {
        this.replicatedStatuses = Set.copyOf(replicatedStatuses);
        this.keyAttribute = keyAttribute;
        this.requiredSources = Map.copyOf(requiredSources);
        requiredSources.keySet().forEach(name -> lackingRequired.put(name, 0));
    }

    public synchronized void add(PoolUser user) {
        users++;
        byStatus.merge(user.status(), 1, Integer::sum);
        if (UserStatus.EXTERNAL_PROVIDER.equals(user.status())) {
            federatedByProvider.merge(provider(user), 1, Integer::sum);
            return;
        }
        if (!replicatedStatuses.contains(user.status())) {
            return;
        }
        replicable++;
        if (!user.enabled()) {
            disabled++;
        }
        Optional<String> key = keyAttribute.isEmpty() ? Optional.of(user.username()) : user.attribute(keyAttribute.get());
        if (key.isEmpty() || key.get().isEmpty()) {
            withoutSignInAttribute++;
        } else {
            keys.merge(key.get().toLowerCase(Locale.ROOT), 1, Integer::sum);
        }
        requiredSources.forEach((target, source) -> {
            if (source.flatMap(user::attribute).filter(value -> !value.isEmpty()).isEmpty()) {
                lackingRequired.merge(target, 1, Integer::sum);
            }
        });
        boolean email = user.attribute(AttributeRules.EMAIL).filter(value -> !value.isEmpty()).isPresent();
        boolean phone = user.attribute(AttributeRules.PHONE).filter(value -> !value.isEmpty()).isPresent();
        withEmail += email ? 1 : 0;
        withPhone += phone ? 1 : 0;
        boolean verified = email && user.attribute(AttributeRules.EMAIL_VERIFIED).filter("true"::equals).isPresent()
                || phone && user.attribute(AttributeRules.PHONE_VERIFIED).filter("true"::equals).isPresent();
        if (!verified) {
            withoutVerifiedAddress++;
        }
    }

    /** From the identities attribute; failing that, the username, which Cognito makes {@code <provider>_<id>}. */
    private static String provider(PoolUser user) {
        Matcher matcher = PROVIDER_NAME.matcher(user.attribute("identities").orElse(""));
        if (matcher.find()) {
            return matcher.group(1);
        }
        int separator = user.username().indexOf('_');
        return separator > 0 ? user.username().substring(0, separator) : user.username();
    }

    /** Users counted so far, for progress while the scan runs. */
    public synchronized int users() {
        return users;
    }

    public synchronized SourceCounts counts() {
        int collisions = keys.values().stream().filter(count -> count > 1).mapToInt(Integer::intValue).sum();
        return new SourceCounts(users, byStatus, replicable, disabled, collisions, withoutSignInAttribute, lackingRequired,
                withoutVerifiedAddress, withEmail, withPhone, federatedByProvider);
    }
}
